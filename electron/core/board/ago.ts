/** "just now", "12 s ago", "3 min ago", "2 h ago": how long ago something happened, for clerks' messages. */
export function agoPhrase(thenIso: string, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(thenIso)) / 1000));
  if (Number.isNaN(seconds) || seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  return `${Math.round(minutes / 60)} h ago`;
}
