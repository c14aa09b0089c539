import type { NextConfig } from 'next';

const config: NextConfig = {
  // The workspace packages export their TypeScript sources; Next compiles them like app code.
  transpilePackages: ['@onbehalf/core', '@onbehalf/next', '@onbehalf/ai-sdk', '@onbehalf/sandbox', '@onbehalf/demo-kit'],
  // Loaded by Node at run time rather than bundled.
  serverExternalPackages: ['oidc-provider', 'pg'],
};

export default config;
