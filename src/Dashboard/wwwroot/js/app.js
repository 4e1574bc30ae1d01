// Small browser helpers for the shell: display time zone and the stored theme choice.
export function getTimeZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch { return 'UTC'; }
}

export function getStoredTheme() {
  try { return localStorage.getItem('usage-dashboard-theme'); } catch { return null; }
}

export function setStoredTheme(value) {
  try { localStorage.setItem('usage-dashboard-theme', value); } catch { /* private mode */ }
}

export function copyText(text) {
  return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve();
}
