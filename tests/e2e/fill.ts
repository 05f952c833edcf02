import { expect, type Locator } from "@playwright/test";

/**
 * Fills a field once the page has hydrated: on a loaded machine a fill that races hydration can
 * leave the server-rendered draft beside the typed text. Retries until the field holds exactly it.
 */
export async function fillSettled(field: Locator, text: string): Promise<void> {
  await expect(async () => {
    await field.fill(text);
    await expect(field).toHaveValue(text, { timeout: 1_000 });
  }).toPass();
}
