import { useSyncExternalStore } from 'react';

/** Below antd's `md` breakpoint (768 px): phones, and the WeCom client's narrow web view. */
const narrow = window.matchMedia('(max-width: 767.98px)');
const subscribe = (onChange: () => void) => {
  narrow.addEventListener('change', onChange);
  return () => narrow.removeEventListener('change', onChange);
};

/**
 * True on a narrow screen. Read from the media query at once (not after a first render, like
 * antd's Grid.useBreakpoint), so a phone never flashes the desktop sider.
 */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => narrow.matches);
}
