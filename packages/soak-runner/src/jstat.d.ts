// jstat ships no type declarations: the one function this package calls.
// jstat is CommonJS: Node's ESM loader gives only its default export (module.exports), no named ones.
declare module 'jstat' {
  const jstat: { jStat: JStat };
  export default jstat;
  interface JStat {
    studentt: {
      /** The p-quantile of Student's t distribution with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  }
}
