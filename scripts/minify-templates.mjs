// A build plugin that shrinks the static text of Lit `html` and `css` tagged templates:
// comments go and runs of white space become one space (or none around CSS punctuation).
// Only literal text between `${}` is touched, found with the TypeScript parser, never a regex
// over the whole file. Text inside <pre> or <textarea> is not used by the kit's templates.
import ts from 'typescript';

function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':');
}

function minifyHtml(text) {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s*\n\s*</g, '><')
    .replace(/\s+/g, ' ');
}

/** Rewrites one TypeScript source; returns null when nothing changed. */
export function minifyTemplates(code, fileName) {
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const edits = [];
  const visit = (node) => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      (node.tag.text === 'html' || node.tag.text === 'css')
    ) {
      const minify = node.tag.text === 'css' ? minifyCss : minifyHtml;
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        const start = part.getStart(source);
        const end = part.getEnd();
        const raw = code.slice(start, end);
        // Keep the delimiters (` ... ${ or } ... ` ...) and shrink what lies between them.
        const open = 1;
        const close = raw.endsWith('${') ? 2 : 1;
        const body = raw.slice(open, raw.length - close);
        const next = minify(body);
        if (next !== body) edits.push({ start: start + open, end: end - close, text: next });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return null;
  let result = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

export function minifyTemplatesPlugin() {
  return {
    name: 'minify-lit-templates',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || (!code.includes('html`') && !code.includes('css`')))
        return null;
      const result = minifyTemplates(code, id);
      return result === null ? null : { code: result, map: null };
    },
  };
}
