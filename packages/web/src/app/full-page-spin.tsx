import { Spin } from 'antd';

/** The whole page waits (session, a page's code): one spinner in the middle. */
export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}
