import type { PlayerMessages } from '../i18n/player-messages.js';

/** 75 → "1:15", 3725 → "1:02:05"; unknown durations read as "0:00". */
export function formatTime(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** For screen readers, in the player's language: "1 minute 15 seconds". */
export function spokenTime(seconds: number, messages: Pick<PlayerMessages, 'hours' | 'minutes' | 'seconds'>): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const parts: string[] = [];
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours) parts.push(messages.hours(hours));
  if (minutes) parts.push(messages.minutes(minutes));
  if (secs || parts.length === 0) parts.push(messages.seconds(secs));
  return parts.join(' ');
}
