/** Distinct, readable on light and dark canvases. */
export const PARTICIPANT_COLOURS = [
  '#e11d48', '#2563eb', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#ea580c', '#4f46e5',
];

const ADJECTIVES = ['Curious', 'Patient', 'Bold', 'Quiet', 'Clever', 'Brisk', 'Gentle', 'Keen', 'Merry', 'Steady', 'Witty', 'Sunny'];
const ANIMALS = ['Otter', 'Heron', 'Lynx', 'Badger', 'Falcon', 'Marten', 'Panda', 'Wren', 'Ibex', 'Koala', 'Puffin', 'Gecko'];

/** A person's colour, the same on every screen and across reconnects. */
export function participantColour(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return PARTICIPANT_COLOURS[(h >>> 0) % PARTICIPANT_COLOURS.length];
}

/** A friendly guest name from two random numbers in [0, 1). */
export function guestName(a: number, b: number): string {
  return `${ADJECTIVES[Math.floor(a * ADJECTIVES.length)]} ${ANIMALS[Math.floor(b * ANIMALS.length)]}`;
}
