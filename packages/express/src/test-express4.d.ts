// Express 4 is installed under the alias `express4` to test the router against both majors; its
// API used here (the app, urlencoded/json parsers) has the same shape as Express 5's.
declare module 'express4' {
  import express from 'express';
  export default express;
}
