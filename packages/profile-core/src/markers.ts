/** Greppable status lines `| name | STATUS | details |` (SPEC 10). */
export function marker(name: string, status: string, details = ''): string {
  return `| ${name} | ${status} | ${details} |`;
}
