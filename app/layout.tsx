import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { THEME_BOOT_SCRIPT } from './theme';
import { ZodWithoutEval } from './zod-without-eval';

export const metadata: Metadata = {
  title: 'Multihead',
  description: 'Build Transformers together, layer by layer, and see what each choice does.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The boot script sets data-theme before React hydrates: the attribute is expected to differ.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <ZodWithoutEval />
        {children}
      </body>
    </html>
  );
}
