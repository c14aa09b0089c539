import { DEMO_CSS } from '@onbehalf/demo-kit';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'onbehalf demo — Next.js + AI SDK' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      {/* The same look as the other examples' page. */}
      <head>
        <style dangerouslySetInnerHTML={{ __html: DEMO_CSS }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
