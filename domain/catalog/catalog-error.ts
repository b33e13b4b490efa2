/** A catalog file that cannot be read or does not have the catalog shape. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  constructor(
    readonly file: string,
    readonly problems: string[],
    readonly hint: string,
  ) {
    super(
      `${file}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}. ${hint}`,
    );
  }
}
