import { useState } from 'preact/hooks';
import type { UserDto } from '../../server/contract/dto.js';
import { logout } from '../../ui-common/session.js';
import { PasswordDialog } from '../password-dialog.js';
import { AuditTab } from './audit-tab.js';
import { CalendarTab } from './calendar-tab.js';
import { ConfigTab } from './config-tab.js';
import { DevicesTab } from './devices-tab.js';
import { HallTab } from './hall-tab.js';
import { HaochaTab } from './haocha-tab.js';
import { HardwareTab } from './hardware-tab.js';
import { PublicUrlBanner } from './public-url-banner.js';
import { switchLanguage, t } from './i18n.js';
import type { AdminKey } from './locales/zh-CN.js';
import { ServicesTab } from './services-tab.js';
import { StaffTab } from './staff-tab.js';
import { useAdminData } from './use-admin-data.js';
import { WindowsTab } from './windows-tab.js';

type Tab = 'services' | 'windows' | 'staff' | 'devices' | 'hall' | 'calendar' | 'hardware' | 'config' | 'audit' | 'haocha';
const TABS: { id: Tab; label: AdminKey; adminOnly?: boolean }[] = [
  { id: 'services', label: 'tabServices' },
  { id: 'windows', label: 'tabWindows' },
  { id: 'staff', label: 'tabStaff' },
  { id: 'devices', label: 'tabDevices' },
  { id: 'hall', label: 'tabHall' },
  { id: 'calendar', label: 'tabCalendar' },
  { id: 'hardware', label: 'tabHardware' },
  { id: 'config', label: 'tabConfig', adminOnly: true },
  { id: 'audit', label: 'tabAudit' },
  { id: 'haocha', label: 'tabHaocha' },
];

function remember(key: string, value: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set(key, value);
  history.replaceState(null, '', url);
}

export function AdminApp(p: { session: { token: string; user: UserDto }; onLogout(): void }) {
  const params = new URLSearchParams(window.location.search);
  const admin = useAdminData(p.session.token, params.get('hall'));
  const [tab, setTab] = useState<Tab>((params.get('tab') as Tab | null) ?? 'services');
  const isAdmin = p.session.user.role === 'admin';
  const [changingPassword, setChangingPassword] = useState(false);
  const choose = (next: Tab) => {
    setTab(next);
    remember('tab', next);
    admin.setFlash(null);
  };
  return (
    <div class="admin">
      <nav class="topbar">
        <span class="brand">{t('title')}</span>
        <label class="hall-pick">
          {t('hall')}
          <select
            name="hall"
            value={admin.hallId ?? ''}
            onChange={(e) => {
              admin.setHallId(e.currentTarget.value);
              remember('hall', e.currentTarget.value);
            }}
          >
            {admin.halls.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <span class="spacer" />
        <a class="link" href="/staff/">
          {t('console')}
        </a>
        <span class="who">{p.session.user.name}</span>
        <button class="link" data-change-password onClick={() => setChangingPassword(true)}>
          {t('changePassword')}
        </button>
        <button class="link" onClick={switchLanguage}>
          {t('language')}
        </button>
        <button
          class="link"
          onClick={async () => {
            await logout();
            p.onLogout();
          }}
        >
          {t('logout')}
        </button>
      </nav>
      <div class="tabs" role="tablist">
        {TABS.filter((x) => isAdmin || !x.adminOnly).map((x) => (
          <button key={x.id} role="tab" data-tab={x.id} aria-selected={tab === x.id} class={tab === x.id ? 'tab on' : 'tab'} onClick={() => choose(x.id)}>
            {t(x.label)}
          </button>
        ))}
      </div>
      <PublicUrlBanner call={admin.call} />
      {admin.flash && (
        <p class={`flash ${admin.flash.kind}`} role={admin.flash.kind === 'error' ? 'alert' : 'status'} onClick={() => admin.setFlash(null)}>
          {admin.flash.text}
        </p>
      )}
      <main class="admin-main">
        {admin.data && tab === 'services' && <ServicesTab admin={admin} />}
        {admin.data && tab === 'windows' && <WindowsTab admin={admin} />}
        {admin.data && tab === 'staff' && <StaffTab admin={admin} isAdmin={isAdmin} />}
        {admin.data && tab === 'devices' && <DevicesTab admin={admin} />}
        {admin.data && tab === 'hall' && <HallTab admin={admin} />}
        {admin.data && tab === 'calendar' && <CalendarTab admin={admin} />}
        {admin.data && tab === 'hardware' && <HardwareTab admin={admin} isAdmin={isAdmin} />}
        {admin.data && tab === 'config' && isAdmin && <ConfigTab admin={admin} />}
        {admin.data && tab === 'audit' && <AuditTab admin={admin} />}
        {admin.data && tab === 'haocha' && <HaochaTab admin={admin} isAdmin={isAdmin} />}
      </main>
      {changingPassword && <PasswordDialog token={p.session.token} username={p.session.user.username} onClose={() => setChangingPassword(false)} />}
    </div>
  );
}
