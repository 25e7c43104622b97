// undici's Pool as its own file (`undici/lib/dispatcher/pool.js`, the class the package's index
// re-exports) has no types of its own: it is the index's `Pool`.
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';
  const PoolClass: typeof Pool;
  export default PoolClass;
}
