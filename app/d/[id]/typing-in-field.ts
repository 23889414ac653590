/** Keys typed into a field belong to the field (its own undo, copy and paste), not to the design. */
export function typingInField(target: EventTarget | null): boolean {
  return typeof HTMLElement !== 'undefined' && target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
