// The availability panel's date-times: a `datetime-local` input holds the admin's own wall-clock time (the browser's
// time zone), the API an instant. Converted here, both ways, so the panel shows and sends the same moment.

/** `2027-03-01T10:00` in this browser's time zone, for a datetime-local input; '' for none. */
export function toLocalInput(instant: string | Date | null): string {
  if (instant === null) return '';
  const at = new Date(instant);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The instant a datetime-local value means in this browser's time zone, as ISO 8601; null for an empty input. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  // Without a zone, Date reads a date-time form as local time (ECMAScript Date Time String Format).
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The browser's time zone, named for the admin (`Europe/Paris`). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
