/**
 * The bounds an uploaded Excel template must stay within, checked before anything is inflated and
 * while it is read, so that no file, whatever it claims or contains, can make the server hold more
 * than a few tens of MB for it. Pure constants: the upload form shows the size users are told.
 *
 * Measured on the largest real templates: a progress template with all 60 tasks and each of the
 * three texts at the 5,000-character limit has 11 parts, 2.6 MB of XML once inflated, 63 rows and
 * 551 cells; the indicator template of 省生态环境厅 (11 indicators) with a row for the province and
 * every city for each quarter of three years has 1,603 rows, 12,810 cells and 2.1 MB. Each bound
 * leaves six times or more.
 */

/** What the upload form tells users and the server enforces on the file as uploaded. */
export const IMPORT_MAX_MEGABYTES = 5;
export const IMPORT_MAX_BYTES = IMPORT_MAX_MEGABYTES * 1024 * 1024;

/** Parts in the zip: ours has 11; Excel and WPS add a few when they save it (calcChain, printer settings, custom properties). */
export const IMPORT_MAX_PARTS = 100;

/**
 * The parts' sizes once inflated, added up (as declared in the zip's directory, then as really
 * inflated). The fullest real template inflates to 2.6 MB; XML deflates up to about 1,000:1, so a
 * 5 MB file could otherwise hold gigabytes.
 */
export const IMPORT_MAX_INFLATED_MEGABYTES = 16;
export const IMPORT_MAX_INFLATED_BYTES = IMPORT_MAX_INFLATED_MEGABYTES * 1024 * 1024;

/** Rows in the sheets read (the data sheet and the hidden one naming the template). */
export const IMPORT_MAX_ROWS = 10_000;

/** Cells in the sheets read, and distinct texts in the workbook: a row of ours has 8 or 9 columns. */
export const IMPORT_MAX_CELLS = 100_000;

/**
 * Imports a process reads at the same time; others wait their turn (their files are already in
 * memory as the request body, nothing more). A file at every bound above raises the process's RSS
 * by about 70 MB while it is read; 4, 8 or 16 of them uploaded at once level off at about 230 MB.
 */
export const IMPORT_PARALLEL_READS = 2;
