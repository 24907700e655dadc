// Certificate designs (seed 000 §2.5 iii). A record keeps a snapshot of the
// design it was issued with, so a later change is never retroactive (seed 002, US 1).

export type Signatory = { name: string; designation: string; signatureImage?: string | null };

export type TemplateSnapshot = {
  key: string;
  name: string;
  version: number;
  accent: string;
  layout: 'classic' | 'modern';
  signatories: Signatory[];
};

export const TEMPLATES = {
  classic: {
    key: 'classic',
    name: 'Classic (bordered, centred)',
    version: 1,
    accent: '#115e59',
    layout: 'classic',
  },
  modern: {
    key: 'modern',
    name: 'Modern (side band)',
    version: 1,
    accent: '#1e3a8a',
    layout: 'modern',
  },
} as const satisfies Record<string, Omit<TemplateSnapshot, 'signatories'>>;

export type TemplateKey = keyof typeof TEMPLATES;

export function isTemplateKey(v: string): v is TemplateKey {
  return v in TEMPLATES;
}

export function snapshotTemplate(key: TemplateKey, signatories: Signatory[]): TemplateSnapshot {
  return { ...TEMPLATES[key], signatories };
}
