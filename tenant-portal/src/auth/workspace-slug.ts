/** A workspace name proposed from the company name: "Acme Films Ltd." → "acme-films-ltd". */
export function slugFromCompany(company: string): string {
  return company
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
