/** Sends a design JSON file to the import route: the new design's id, or a sentence naming the file's problem. */
export async function importDesignFile(file: File): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  let document: unknown;
  try {
    document = JSON.parse(await file.text());
  } catch (error) {
    return { ok: false, message: `${file.name} is not valid JSON (${(error as Error).message}).` };
  }
  const title = file.name.replace(/(\.multihead)?\.json$/i, '').replace(/[-_]+/g, ' ').trim();
  try {
    const res = await fetch('/api/designs/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(title ? { title, document } : { document }),
    });
    const body = (await res.json()) as { ok: boolean; design?: { id: string }; message?: string };
    if (!res.ok || !body.design) return { ok: false, message: `${file.name}: ${body.message ?? `the server answered ${res.status}`}` };
    return { ok: true, id: body.design.id };
  } catch (error) {
    return { ok: false, message: `Could not import ${file.name}: ${(error as Error).message}` };
  }
}
