// jstat ships no type declarations: the one function this package calls.
declare module 'jstat' {
  export const jStat: {
    studentt: {
      /** The p-quantile of Student's t distribution with `dof` degrees of freedom. */
      inv(p: number, dof: number): number;
    };
  };
}
