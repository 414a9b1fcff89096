/** "1 environment", "2 environments"; `many` for irregular plurals ("1 line differs"). */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;
