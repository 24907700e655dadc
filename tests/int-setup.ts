import { inject } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
process.env.NEXTAUTH_SECRET ||= 'integration-test-secret';
process.env.APP_ENV = 'test';
process.env.SANAD_MASTER_KEY ||= Buffer.alloc(32, 7).toString('base64');
process.env.PUBLIC_BASE_URL ||= 'https://sanad.test';
