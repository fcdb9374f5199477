// Selectors declared once, at module level, so their identity is stable across renders.
import type { EditorState } from './editor-store';

export const selectDocument = (s: EditorState) => s.document;
export const selectDiagnostics = (s: EditorState) => s.diagnostics();
export const selectGraph = (s: EditorState) => s.document.graph;
export const selectComponents = (s: EditorState) => s.document.components;
export const selectParameters = (s: EditorState) => s.document.graph.inputs;
export const selectSelection = (s: EditorState) => s.selection;
export const selectApply = (s: EditorState) => s.apply;
export const selectSelect = (s: EditorState) => s.select;
export const selectWireRefusal = (s: EditorState) => s.wireRefusal;
export const selectStatus = (s: EditorState) => s.status;
export const selectGeneration = (s: EditorState) => s.generation;
export const selectFileDialog = (s: EditorState) => s.fileDialog;
