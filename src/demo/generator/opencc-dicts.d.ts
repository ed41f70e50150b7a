// opencc-js ships its dictionaries without type declarations; each is one "simplified traditional|…" string.
declare module 'opencc-js/dict/STCharacters' {
  const dict: string;
  export default dict;
}
