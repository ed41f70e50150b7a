// opencc-js ships its dictionaries without type declarations; each is one "from to|from to|…" string.
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
declare module 'opencc-js/dict/CJK_Compatibility_Ideographs' {
  const dict: string;
  export default dict;
}
