// A strict little XML well-formedness check for the report's SVGs (no XML parser among the dependencies):
// one root element, properly nested and closed tags, attributes as name="value" without '<' or a raw '&',
// text without '<' or a raw '&'. Returns the problems found (empty when well-formed) and the element names.
const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

export function xmlProblems(doc: string): { problems: string[]; elements: string[] } {
  const problems: string[] = [];
  const elements: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const re = /<[^>]*>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const checkText = (text: string, where: number) => {
    if (text.includes('<')) problems.push(`'<' in text at ${where}`);
    if (text.replace(ENTITY, '').includes('&')) problems.push(`raw '&' in text at ${where}: ${text.slice(0, 60)}`);
    if (stack.length === 0 && text.trim() !== '') problems.push(`text outside the root element at ${where}: ${text.slice(0, 60)}`);
  };
  while ((m = re.exec(doc))) {
    checkText(doc.slice(last, m.index), last);
    last = re.lastIndex;
    const tag = m[0];
    if (tag.startsWith('<?') || tag.startsWith('<!--')) continue;
    const close = /^<\/([A-Za-z][\w:.-]*)\s*>$/.exec(tag);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) problems.push(`</${close[1]}> closes <${open ?? 'nothing'}> at ${m.index}`);
      continue;
    }
    const open = /^<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>$/.exec(tag);
    if (!open) {
      problems.push(`malformed tag at ${m.index}: ${tag.slice(0, 80)}`);
      continue;
    }
    const names = [...open[2]!.matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)];
    const seen = new Set<string>();
    for (const [, name, value] of names) {
      if (seen.has(name!)) problems.push(`duplicate attribute ${name} at ${m.index}`);
      seen.add(name!);
      if (value!.replace(ENTITY, '').includes('&')) problems.push(`raw '&' in attribute ${name} at ${m.index}`);
    }
    elements.push(open[1]!);
    if (stack.length === 0) roots++;
    if (!open[3]) stack.push(open[1]!);
  }
  checkText(doc.slice(last), last);
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return { problems, elements };
}
