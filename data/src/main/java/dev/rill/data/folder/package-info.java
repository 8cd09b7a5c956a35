/**
 * Data sets stored as a directory of class subfolders ({@code root/<label>/<file>}):
 * {@link dev.rill.data.folder.ClassFolders} lists them with labels numbered in sorted folder-name
 * order and yields (path or bytes or decoded content, label) pairs as a
 * {@link dev.rill.data.dataset.Dataset}. Decoding images is left to a hook; WAV folders have
 * {@link dev.rill.data.audio.AudioFolders}.
 */
package dev.rill.data.folder;
