/** Percentiles by linear interpolation between order statistics (the "type 7" of R and NumPy's default). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const a = Float64Array.from(values as ArrayLike<number>);
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  // Selection, not a sort: a soak takes several percentiles of large sample sets per window.
  const low = select(a, lo);
  if (lo + 1 >= n) return low;
  // After selecting `lo`, everything to its right is >= it: the next order statistic is their minimum.
  let high = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i]! < high) high = a[i]!;
  return low + (high - low) * (pos - lo);
}

/** Quickselect (Hoare partition, median-of-three pivot): puts the k-th smallest at a[k], smaller left, larger right. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as the pivot keeps sorted or constant input from going quadratic.
    const x = a[left]!;
    const y = a[mid]!;
    const z = a[right]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k]!;
  }
  return a[k]!;
}
