// parse-prefer-header ships no types: it turns `code=503, example=Foo` into `{ code: '503', example: 'Foo' }`.
declare module 'parse-prefer-header' {
  export default function parsePreferHeader(header: string | string[] | undefined): Record<string, string | true>;
}
