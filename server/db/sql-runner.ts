/**
 * The smallest raw-SQL surface both databases offer: multi-statement exec + parameterised query.
 */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}
