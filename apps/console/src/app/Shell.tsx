import { Badge, Button, Drawer, Grid, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { ReactNode, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Locale } from './format';
import { useI18n } from './i18n';
import { useLive } from './live';
import { ConsolePage } from './pages';
import { useSession } from './session';

const MENU_GROUPS: Array<ConsolePage['group']> = [undefined, 'transport', 'catering', 'procurement', 'supervision', 'account'];

/** The frame of every page: the menu of what the caller may do, language, live status, sign-out. */
export function Shell({ pages, children }: { pages: ConsolePage[]; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { caller, logout } = useSession();
  const { mode } = useLive();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const narrow = !screens.md;
  const inMenu = pages.filter((page) => page.menu);
  const selected = inMenu.filter((page) => location.pathname === page.path || location.pathname.startsWith(`${page.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected.path] : []}
      items={MENU_GROUPS.flatMap((group) => {
        const entries = inMenu.filter((page) => page.group === group).map((page) => ({ key: page.path, label: t(page.menu!) }));
        if (entries.length === 0) return [];
        return group === undefined ? entries : [{ type: 'group' as const, key: group, label: t(`menuGroup.${group}`), children: entries }];
      })}
      onClick={({ key }) => {
        setDrawer(false);
        void navigate(key);
      }}
    />
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 18 }}>{t('app.title')}</div>
          <nav aria-label={t('app.navigation')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: narrow ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Space>
            {narrow && <Button aria-label={t('app.openMenu')} icon={<MenuOutlined />} onClick={() => setDrawer(true)} />}
            {narrow && <Typography.Text strong>{t('app.title')}</Typography.Text>}
            <Badge status={mode === 'streaming' ? 'success' : mode === 'polling' ? 'processing' : 'default'} text={narrow ? undefined : t(`live.${mode}`)} data-testid="live-status" />
          </Space>
          <Space size={narrow ? 4 : 12}>
            <Segmented<Locale>
              size={narrow ? 'small' : 'middle'}
              aria-label={t('app.language')}
              value={locale}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
              onChange={(value) => setLocale(value)}
            />
            {!narrow && (
              <Button type="link" onClick={() => void navigate('/profile')}>
                {caller?.roles.filter((role) => role !== 'staff' || caller.roles.length === 1).map((role) => t(`role.${role}`)).join(' · ')}
              </Button>
            )}
            <Button
              onClick={() => {
                void logout().then(() => navigate('/login'));
              }}
            >
              {t('app.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={260} title={t('app.title')}>
        {menu}
      </Drawer>
    </Layout>
  );
}
