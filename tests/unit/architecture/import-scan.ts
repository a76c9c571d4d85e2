/**
 * Finds every module a source file depends on, with the TypeScript parser rather than a regex, so multi-line
 * imports, `import type`, inline `type` specifiers, re-exports, `import()`, `require()` and `typeof import()` are
 * all seen, and an import inside a comment or a string is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportRef {
  /** The module specifier as written; null for `import(expr)` whose target is computed and cannot be checked. */
  specifier: string | null;
  /** True when nothing of it survives compilation: the module is not loaded at run time. */
  typeOnly: boolean;
  line: number;
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'dist-electron']);

/** Repo-relative POSIX paths of every .ts/.tsx file under `folders`, sorted. */
export function listSourceFiles(root: string, folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(child);
      } else if (/\.tsx?$/.test(entry.name)) {
        found.push(child);
      }
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

/** An import whose every named binding is `type` is erased too, the same as `import type`. */
function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import 'x'` runs x
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0
    ? bindings.elements.every((element) => element.isTypeOnly)
    : false;
}

function exportIsTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0
    ? clause.elements.every((element) => element.isTypeOnly)
    : false;
}

export function parseImports(fileName: string, text: string): ImportRef[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, specifier: string | null, typeOnly: boolean): void => {
    refs.push({ specifier, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const literal = (node: ts.Node | undefined): string | null =>
    node !== undefined && ts.isStringLiteralLike(node) ? node.text : null;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, literal(node.moduleSpecifier), importIsTypeOnly(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, literal(node.moduleSpecifier), exportIsTypeOnly(node));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, literal(node.moduleReference.expression), node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import('x')` in a type position
      const argument = node.argument;
      add(node, ts.isLiteralTypeNode(argument) ? literal(argument.literal) : null, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isDynamicImport || isRequire) add(node, literal(node.arguments[0]), false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // `/// <reference types="node" />` pulls a package's types into the file just like an `import type`.
  for (const reference of source.typeReferenceDirectives) {
    refs.push({
      specifier: reference.fileName,
      typeOnly: true,
      line: source.getLineAndCharacterOfPosition(reference.pos).line + 1,
    });
  }
  return refs;
}

export function readImports(root: string, file: string): ImportRef[] {
  return parseImports(file, readFileSync(path.join(root, file), 'utf8'));
}
