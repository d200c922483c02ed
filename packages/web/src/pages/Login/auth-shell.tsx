import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Full-page frame of the pages shown before the console: brand on top, a card in the middle. */
export function AuthShell(props: { children: ReactNode; corner?: ReactNode }) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #eef3fb 0%, #f7f9fc 60%, #ffffff 100%)',
      }}
    >
      <header
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          padding: '16px 24px',
        }}
      >
        {/* The brand, not a heading: the card's title is the page's <h1>. */}
        <Typography.Text strong style={{ fontSize: 20 }}>
          OrgBridge
        </Typography.Text>
        {props.corner}
      </header>
      <main style={{ flex: 1, display: 'grid', placeItems: 'center', padding: '24px 16px 64px' }}>
        {props.children}
      </main>
    </div>
  );
}
