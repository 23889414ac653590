/** The file name an export is saved under: the design's title, made safe for file systems ('My model!' → 'my-model.zip'). */
export function exportFileName(title: string, extension: string): string {
  const base = title.normalize('NFKD').replace(/[^\w\- ]+/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 60);
  return `${base || 'design'}.${extension}`;
}
