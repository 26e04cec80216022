/** A file the generator produces: its path inside the output folder (forward slashes) and its full text. */
export interface OutputFile {
  path: string;
  content: string;
}
