import type { ThemeConfig } from 'antd';

const FONT =
  "'Pretendard Variable', Pretendard, -apple-system, BlinkMacSystemFont, system-ui, 'Apple SD Gothic Neo', 'Noto Sans KR', 'Malgun Gothic', sans-serif";

/** Calm, dense enough for all-day office work, readable at 14px. */
export const theme: ThemeConfig = {
  token: {
    fontFamily: FONT,
    fontSize: 14,
    colorPrimary: '#1d5fbf',
    borderRadius: 6,
    colorBgLayout: '#f4f6f9',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2a4a', headerHeight: 56, headerPadding: '0 24px' },
    Menu: {
      darkItemBg: '#0f2a4a',
      darkSubMenuItemBg: '#0b2140',
      darkItemSelectedBg: '#1d5fbf',
    },
    Table: { headerBg: '#f0f3f7', cellPaddingBlock: 10 },
  },
};
