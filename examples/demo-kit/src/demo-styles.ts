/** The examples' page style: inlined by demo-page.ts, rendered by the Next.js example's layout. */
export const DEMO_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
header{background:#1d2330;color:#fff;padding:1rem 1.5rem}header h1{margin:0;font-size:1.2rem}header p{margin:.2rem 0 0;opacity:.8}
main{max-width:60rem;margin:1.5rem auto;padding:0 1rem;display:grid;gap:1.5rem;grid-template-columns:1fr 1.4fr}
@media (max-width:50rem){main{grid-template-columns:1fr}}
section{background:#fff;border-radius:10px;box-shadow:0 1px 3px #0002;padding:1rem 1.25rem}h2{font-size:1.05rem;margin:0 0 .75rem}
table{width:100%;border-collapse:collapse}td{padding:.4rem .25rem;border-top:1px solid #eee;vertical-align:middle}
.status{font-size:.75rem;font-weight:700;padding:.1rem .45rem;border-radius:99px;background:#e4e7ec}
.status.ACTIVE{background:#d3f3df;color:#17693a}.status.EXPIRED,.status.REVOKED,.status.ERROR{background:#fde2e1;color:#a4262c}
button{font:inherit;border:0;border-radius:6px;padding:.35rem .8rem;cursor:pointer;background:#2851d8;color:#fff}button.secondary{background:#e4e7ec;color:#1d2330}
#log{min-height:14rem;max-height:28rem;overflow:auto;display:grid;gap:.6rem;margin-bottom:.75rem}
.msg{padding:.5rem .75rem;border-radius:8px;white-space:pre-wrap;word-break:break-word}.user{background:#e8eefc;justify-self:end}.agent{background:#f1f2f4}
.tool{font:12px/1.4 ui-monospace,monospace;background:#fffbe6;border:1px solid #f0e2a8;border-radius:6px;padding:.4rem .6rem;white-space:pre-wrap}
form{display:flex;gap:.5rem}input{flex:1;font:inherit;padding:.45rem .6rem;border:1px solid #9aa3b2;border-radius:6px}
.model{display:inline-block;margin-top:.35rem;font-size:.8rem;background:#fff3;padding:.1rem .5rem;border-radius:4px}
#notice{margin:0 0 .75rem}
button:disabled{opacity:.6;cursor:default}
`;
