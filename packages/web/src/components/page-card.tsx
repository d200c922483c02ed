import { Card, Typography } from 'antd';
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

const SCROLL_BOXES = '.ant-table-content, .ant-table-body';

/**
 * A table wider than the screen scrolls sideways inside its own box; a keyboard user can only
 * scroll it when the box takes focus (WCAG 2.1.1, axe `scrollable-region-focusable`), and antd
 * does not make it focusable. Boxes that overflow get `tabindex=0`; those that stop overflowing
 * (a wider window) give it back, so no needless tab stop remains.
 */
function useFocusableScrollBoxes(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const mark = () => {
      for (const box of root.querySelectorAll<HTMLElement>(SCROLL_BOXES)) {
        const overflows = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
        if (overflows && !box.hasAttribute('tabindex')) box.tabIndex = 0;
        else if (!overflows && box.getAttribute('tabindex') === '0')
          box.removeAttribute('tabindex');
      }
    };
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(root, { childList: true, subtree: true });
    window.addEventListener('resize', mark);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', mark);
    };
  }, [ref]);
}

/**
 * The frame every console page uses: a title (the page's one `<h1>`), an optional description
 * and actions, then content. On a narrow screen the actions move below the title instead of
 * squeezing it.
 */
export function PageCard(props: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusableScrollBoxes(ref);
  return (
    <Card
      ref={ref}
      data-testid={props.testId}
      title={
        <div
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: '8px 16px',
            padding: '12px 0',
          }}
        >
          <div style={{ flex: '1 1 240px', minWidth: 0, whiteSpace: 'normal' }}>
            {/* Drawn at the size of an antd level-4 title (20 px), as before it was an <h1>. */}
            <Typography.Title level={1} style={{ margin: 0, fontSize: 20, lineHeight: 1.4 }}>
              {props.title}
            </Typography.Title>
            {props.description && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {props.description}
              </Typography.Text>
            )}
          </div>
          {props.extra && <div style={{ flex: 'none' }}>{props.extra}</div>}
        </div>
      }
    >
      {props.children}
    </Card>
  );
}
