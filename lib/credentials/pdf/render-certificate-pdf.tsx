import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  Document,
  Font,
  Image,
  Page,
  Path,
  StyleSheet,
  Svg,
  Text,
  View,
  renderToBuffer,
} from '@react-pdf/renderer';
import type { TemplateSnapshot } from '../templates';
import { qrPath } from './qr-path';
import { woffToSfnt } from './woff-to-ttf';

// The printable certificate. Pure: plain data in, PDF bytes out. Names and
// awards appear as given, in Devanagari or Latin script (DESIGN.md, Signing and verification).

const fontDir = path.join(
  process.cwd(),
  'node_modules',
  '@fontsource',
  'noto-sans-devanagari',
  'files',
);
let fontsRegistered = false;

/** The packaged WOFF, unwrapped once to TrueType in a per-user cache directory. */
function ttfOf(woffName: string): string {
  const woff = fs.readFileSync(path.join(fontDir, woffName));
  const hash = createHash('sha256').update(woff).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `sanad-fonts-${process.getuid?.() ?? 'u'}`);
  const out = path.join(dir, `${woffName.replace(/\.woff$/, '')}-${hash}.ttf`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, woffToSfnt(woff));
    fs.renameSync(tmp, out);
  }
  return out;
}

function registerFonts() {
  if (fontsRegistered) return;
  for (const [family, subset] of [
    ['SanadLatin', 'latin'],
    ['SanadDeva', 'devanagari'],
  ] as const) {
    Font.register({
      family,
      fonts: [
        { src: ttfOf(`noto-sans-devanagari-${subset}-400-normal.woff`), fontWeight: 400 },
        { src: ttfOf(`noto-sans-devanagari-${subset}-700-normal.woff`), fontWeight: 700 },
      ],
    });
  }
  Font.registerHyphenationCallback((word) => [word]);
  fontsRegistered = true;
}

export type PdfCertificateInput = {
  title: string;
  issuerName: string;
  recipientName: string;
  award: string | null;
  details: { label: string; value: string }[];
  number: string;
  verificationCode: string;
  verifyUrl: string;
  issueDate: string; // DD-MM-YYYY
  template: TemplateSnapshot;
};

const FONT = ['SanadLatin', 'SanadDeva'];

const s = StyleSheet.create({
  page: { fontFamily: FONT as unknown as string, color: '#0f172a', padding: 28 },
  small: { fontSize: 9, color: '#475569' },
  label: { fontSize: 8, color: '#64748b', textTransform: 'uppercase', letterSpacing: 0.6 },
  value: { fontSize: 11, marginTop: 2 },
});

function Qr({ url, size }: { url: string; size: number }) {
  const { size: n, d } = qrPath(url);
  // A quiet zone of 4 modules, as scanners expect.
  return (
    <Svg width={size} height={size} viewBox={`-4 -4 ${n + 8} ${n + 8}`}>
      <Path d={`M-4 -4h${n + 8}v${n + 8}h-${n + 8}z`} fill="#ffffff" />
      <Path d={d} fill="#000000" />
    </Svg>
  );
}

function Signatories({ template }: { template: TemplateSnapshot }) {
  if (template.signatories.length === 0) return null;
  return (
    <View style={{ flexDirection: 'row', gap: 24 }}>
      {template.signatories.map((sg, i) => (
        <View key={i} style={{ alignItems: 'center', width: 150 }}>
          {sg.signatureImage ? (
            // eslint-disable-next-line jsx-a11y/alt-text -- @react-pdf's Image has no alt attribute
            <Image src={sg.signatureImage} style={{ height: 32, objectFit: 'contain' }} />
          ) : (
            <View style={{ height: 32 }} />
          )}
          <View style={{ borderTopWidth: 0.8, borderColor: '#334155', width: 140, marginTop: 2 }} />
          <Text style={{ fontSize: 10, fontWeight: 700, marginTop: 3 }}>{sg.name}</Text>
          <Text style={s.small}>{sg.designation}</Text>
        </View>
      ))}
    </View>
  );
}

function Details({ c }: { c: PdfCertificateInput }) {
  return (
    <View
      style={{
        flexDirection: 'row',
        flexWrap: 'wrap',
        gap: 14,
        justifyContent: c.template.layout === 'classic' ? 'center' : 'flex-start',
      }}
    >
      {[
        { label: 'Certificate number', value: c.number },
        { label: 'Date of issue', value: c.issueDate },
        ...c.details,
      ].map((d, i) => (
        <View key={i} style={{ minWidth: 90 }}>
          <Text style={s.label}>{d.label}</Text>
          <Text style={s.value}>{d.value}</Text>
        </View>
      ))}
    </View>
  );
}

function VerifyBlock({ c }: { c: PdfCertificateInput }) {
  return (
    <View style={{ alignItems: 'center', width: 120 }}>
      <Qr url={c.verifyUrl} size={96} />
      <Text style={{ fontSize: 10, fontWeight: 700, marginTop: 4 }}>{c.verificationCode}</Text>
      <Text style={[s.small, { fontSize: 7, textAlign: 'center' }]}>
        Scan or enter this code at {c.verifyUrl.replace(/\/verify\/.*$/, '/verify')}
      </Text>
    </View>
  );
}

function Classic({ c }: { c: PdfCertificateInput }) {
  const accent = c.template.accent;
  return (
    <Page size="A4" orientation="landscape" style={s.page}>
      <View style={{ flex: 1, borderWidth: 3, borderColor: accent, padding: 6 }}>
        <View
          style={{
            flex: 1,
            borderWidth: 0.8,
            borderColor: accent,
            padding: 28,
            alignItems: 'center',
          }}
        >
          <Text style={{ fontSize: 16, fontWeight: 700, color: accent }}>{c.issuerName}</Text>
          <Text style={{ fontSize: 30, fontWeight: 700, marginTop: 18 }}>{c.title}</Text>
          <Text style={{ fontSize: 11, marginTop: 18, color: '#475569' }}>
            This is to certify that
          </Text>
          <Text style={{ fontSize: 26, fontWeight: 700, marginTop: 8 }}>{c.recipientName}</Text>
          {c.award ? (
            <>
              <Text style={{ fontSize: 11, marginTop: 10, color: '#475569' }}>
                has been awarded
              </Text>
              <Text style={{ fontSize: 18, fontWeight: 700, marginTop: 6, color: accent }}>
                {c.award}
              </Text>
            </>
          ) : null}
          <View style={{ marginTop: 20 }}>
            <Details c={c} />
          </View>
          <View style={{ flex: 1 }} />
          <View
            style={{
              flexDirection: 'row',
              width: '100%',
              justifyContent: 'space-between',
              alignItems: 'flex-end',
            }}
          >
            <Signatories template={c.template} />
            <VerifyBlock c={c} />
          </View>
        </View>
      </View>
    </Page>
  );
}

function Modern({ c }: { c: PdfCertificateInput }) {
  const accent = c.template.accent;
  return (
    <Page size="A4" style={[s.page, { padding: 0, flexDirection: 'row' }]}>
      <View style={{ width: 70, backgroundColor: accent }} />
      <View style={{ flex: 1, padding: 40 }}>
        <Text style={{ fontSize: 12, fontWeight: 700, color: accent }}>{c.issuerName}</Text>
        <Text style={{ fontSize: 28, fontWeight: 700, marginTop: 60 }}>{c.title}</Text>
        <View style={{ borderTopWidth: 2, borderColor: accent, width: 60, marginTop: 10 }} />
        <Text style={{ fontSize: 11, marginTop: 36, color: '#475569' }}>Awarded to</Text>
        <Text style={{ fontSize: 26, fontWeight: 700, marginTop: 6 }}>{c.recipientName}</Text>
        {c.award ? (
          <Text style={{ fontSize: 16, marginTop: 14, color: accent, fontWeight: 700 }}>
            {c.award}
          </Text>
        ) : null}
        <View style={{ marginTop: 36 }}>
          <Details c={c} />
        </View>
        <View style={{ flex: 1 }} />
        <Signatories template={c.template} />
        <View
          style={{
            marginTop: 28,
            flexDirection: 'row',
            alignItems: 'flex-end',
            justifyContent: 'space-between',
          }}
        >
          <Text style={[s.small, { maxWidth: 280 }]}>
            This certificate is issued digitally and signed by {c.issuerName}. Check it at any time
            by scanning the QR code.
          </Text>
          <VerifyBlock c={c} />
        </View>
      </View>
    </Page>
  );
}

export async function renderCertificatePdf(c: PdfCertificateInput): Promise<Buffer> {
  registerFonts();
  const doc = (
    <Document
      title={`${c.title} — ${c.number}`}
      author={c.issuerName}
      creator="Sanad"
      producer="Sanad"
      creationDate={new Date(0)}
    >
      {c.template.layout === 'modern' ? <Modern c={c} /> : <Classic c={c} />}
    </Document>
  );
  return renderToBuffer(doc);
}
