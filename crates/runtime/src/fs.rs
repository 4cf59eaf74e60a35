//! The small in-memory file system that the blocking system calls act on: the kernel side of
//! `syscall.Open`/`Read`/`Write`/`Close`/`Unlink` on Linux, as Go's os/file_unix.go and
//! internal/poll/fd_unix.go reach it. The program's files come with the program
//! ([`crate::program::DataFile`], e.g. the sections of a txtar archive); the working directory is
//! their root. Errors are Linux errno values (syscall/zerrors_linux_amd64.go), which the Go side
//! turns into `syscall.Errno` errors with the kernel's texts.
//!
//! Invariants:
//! - File names are clean relative paths (`a/b.txt`: no `.`/`..` elements, no empty elements).
//! - Directories are implied by file names (`a/b.txt` makes `a` a directory); a name is never both.
//! - Descriptors 0, 1 and 2 are stdin (empty), stdout and stderr; files get 3, 4, ... (lowest free).
//! - An open descriptor's `offset` never exceeds its file's length, except after the file shrank.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

/// Linux errno values used by the model, with the kernel's messages (syscall.Errno.Error()).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(i64)]
pub enum Errno {
    Enoent = 2,
    Ebadf = 9,
    Eexist = 17,
    Enotdir = 20,
    Eisdir = 21,
    Einval = 22,
    Emfile = 24,
    Enospc = 28,
    Enotempty = 39,
}

impl Errno {
    /// The number Go's `syscall.Errno` holds.
    pub fn code(self) -> i64 {
        self as i64
    }

    /// The kernel's text, as `syscall.Errno.Error()` prints it.
    pub fn message(self) -> &'static str {
        match self {
            Errno::Enoent => "no such file or directory",
            Errno::Ebadf => "bad file descriptor",
            Errno::Eexist => "file exists",
            Errno::Enotdir => "not a directory",
            Errno::Eisdir => "is a directory",
            Errno::Einval => "invalid argument",
            Errno::Emfile => "too many open files",
            Errno::Enospc => "no space left on device",
            Errno::Enotempty => "directory not empty",
        }
    }
}

/// `open(2)` flags (syscall/zerrors_linux_amd64.go; os.O_* are these).
pub mod flags {
    pub const O_RDONLY: i64 = 0x0;
    pub const O_WRONLY: i64 = 0x1;
    pub const O_RDWR: i64 = 0x2;
    pub const O_ACCMODE: i64 = 0x3;
    pub const O_CREAT: i64 = 0x40;
    pub const O_EXCL: i64 = 0x80;
    pub const O_TRUNC: i64 = 0x200;
    pub const O_APPEND: i64 = 0x400;
}

/// Most descriptors a program may hold open at once (`ulimit -n`'s usual soft limit).
pub const OPEN_FILES_MAX: usize = 1024;

/// The file system's capacity: a write that would grow the files beyond it fails with ENOSPC.
pub const BYTES_MAX: usize = 64 << 20;

/// One regular file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct File {
    /// Clean relative path from the working directory.
    pub name: String,
    /// Contents, shared with checkpoints until written (copy on write).
    pub data: Rc<Vec<u8>>,
    /// False once removed: open descriptors keep using it, as on Linux, but no path finds it.
    pub linked: bool,
}

/// What an open descriptor refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// Index into [`FileSystem::files`].
    File(u32),
    /// A directory (opened read-only; reads fail with EISDIR).
    Dir,
    /// fd 0: an empty stdin, as a program run with `< /dev/null`.
    Stdin,
}

/// One open file description.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OpenFile {
    pub target: Target,
    /// The path it was opened with (cleaned), for the snapshot.
    pub path: String,
    pub offset: u64,
    pub readable: bool,
    pub writable: bool,
    pub append: bool,
}

/// The file system and the process's descriptor table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileSystem {
    pub files: Vec<File>,
    /// Index = descriptor number; `None` = free. 0 is stdin; 1 and 2 are left to the output streams.
    pub open: Vec<Option<OpenFile>>,
}

/// Cleans a path as `path.Clean` does, relative to the working directory (the root of the files).
/// Absolute paths and paths that leave the working directory keep a marker so they never match.
pub fn clean(path: &str) -> Option<String> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

impl FileSystem {
    /// A file system holding `files` (names are cleaned; later duplicates replace earlier ones).
    pub fn new(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> FileSystem {
        let mut fs = FileSystem {
            files: Vec::new(),
            open: vec![
                Some(OpenFile {
                    target: Target::Stdin,
                    path: "/dev/stdin".to_string(),
                    offset: 0,
                    readable: true,
                    writable: false,
                    append: false,
                }),
                None,
                None,
            ],
        };
        for (name, data) in files {
            let Some(name) = clean(&name).filter(|n| !n.is_empty()) else {
                continue;
            };
            match fs.find(&name) {
                Some(i) => fs.files[i].data = Rc::new(data),
                None => fs.files.push(File {
                    name,
                    data: Rc::new(data),
                    linked: true,
                }),
            }
        }
        fs
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.files.iter().position(|f| f.linked && f.name == name)
    }

    /// Whether `name` is a directory: the root, or a proper prefix (at a `/`) of some file's name.
    fn is_dir(&self, name: &str) -> bool {
        name.is_empty()
            || self.files.iter().any(|f| {
                f.linked
                    && f.name.len() > name.len()
                    && f.name.starts_with(name)
                    && f.name.as_bytes()[name.len()] == b'/'
            })
    }

    /// Checks the directories leading to `name`: ENOTDIR if one of them is a file, ENOENT if missing.
    fn check_parents(&self, name: &str) -> Result<(), Errno> {
        let mut end = 0;
        while let Some(i) = name[end..].find('/') {
            let dir = &name[..end + i];
            if self.find(dir).is_some() {
                return Err(Errno::Enotdir);
            }
            if !self.is_dir(dir) {
                return Err(Errno::Enoent);
            }
            end += i + 1;
        }
        Ok(())
    }

    fn lowest_free_fd(&mut self) -> Result<usize, Errno> {
        match self.open.iter().skip(3).position(Option::is_none) {
            Some(i) => Ok(i + 3),
            None if self.open.len() < OPEN_FILES_MAX => {
                self.open.push(None);
                Ok(self.open.len() - 1)
            }
            None => Err(Errno::Emfile),
        }
    }

    /// `open(2)` relative to the working directory: returns the new descriptor.
    pub fn open(&mut self, path: &str, flag: i64) -> Result<i64, Errno> {
        let name = clean(path).ok_or(Errno::Enoent)?;
        let access = flag & flags::O_ACCMODE;
        let readable = access == flags::O_RDONLY || access == flags::O_RDWR;
        let writable = access == flags::O_WRONLY || access == flags::O_RDWR;
        if access == flags::O_ACCMODE {
            return Err(Errno::Einval);
        }
        let target = match self.find(&name) {
            Some(i) => {
                self.check_parents(&name)?;
                if flag & flags::O_CREAT != 0 && flag & flags::O_EXCL != 0 {
                    return Err(Errno::Eexist);
                }
                if writable && flag & flags::O_TRUNC != 0 {
                    let data = Rc::make_mut(&mut self.files[i].data);
                    data.clear();
                }
                Target::File(i as u32)
            }
            None if self.is_dir(&name) => {
                if flag & flags::O_CREAT != 0 && flag & flags::O_EXCL != 0 {
                    return Err(Errno::Eexist);
                }
                if writable || flag & flags::O_CREAT != 0 {
                    return Err(Errno::Eisdir);
                }
                self.check_parents(&name)?;
                Target::Dir
            }
            None => {
                self.check_parents(&name)?;
                if flag & flags::O_CREAT == 0 {
                    return Err(Errno::Enoent);
                }
                self.files.push(File {
                    name: name.clone(),
                    data: Rc::new(Vec::new()),
                    linked: true,
                });
                Target::File(self.files.len() as u32 - 1)
            }
        };
        let fd = self.lowest_free_fd()?;
        self.open[fd] = Some(OpenFile {
            target,
            path: if name.is_empty() { ".".into() } else { name },
            offset: 0,
            readable,
            writable,
            append: flag & flags::O_APPEND != 0,
        });
        Ok(fd as i64)
    }

    fn descriptor(&mut self, fd: i64) -> Result<&mut OpenFile, Errno> {
        usize::try_from(fd)
            .ok()
            .and_then(|fd| self.open.get_mut(fd))
            .and_then(Option::as_mut)
            .ok_or(Errno::Ebadf)
    }

    /// `read(2)`: up to `max` bytes from the descriptor's offset (empty at end of file).
    pub fn read(&mut self, fd: i64, max: usize) -> Result<Vec<u8>, Errno> {
        let d = self.descriptor(fd)?;
        if !d.readable {
            return Err(Errno::Ebadf);
        }
        let (target, offset) = (d.target, d.offset);
        let file = match target {
            Target::Stdin => return Ok(Vec::new()),
            Target::Dir => return Err(Errno::Eisdir),
            Target::File(i) => i as usize,
        };
        let data = &self.files[file].data;
        let start = (offset as usize).min(data.len());
        let end = start.saturating_add(max).min(data.len());
        let bytes = data[start..end].to_vec();
        self.descriptor(fd)?.offset = end as u64;
        Ok(bytes)
    }

    /// `write(2)`: writes all of `bytes` at the offset (at the end with O_APPEND).
    pub fn write(&mut self, fd: i64, bytes: &[u8]) -> Result<usize, Errno> {
        let d = self.descriptor(fd)?;
        if !d.writable {
            return Err(Errno::Ebadf);
        }
        let Target::File(file) = d.target else {
            return Err(Errno::Ebadf);
        };
        let (offset, append) = (d.offset as usize, d.append);
        let used: usize = self.files.iter().map(|f| f.data.len()).sum();
        let len = self.files[file as usize].data.len();
        let start = if append { len } else { offset };
        let grows = start.saturating_add(bytes.len()).saturating_sub(len);
        if used.saturating_add(grows) > BYTES_MAX {
            return Err(Errno::Enospc);
        }
        let data = Rc::make_mut(&mut self.files[file as usize].data);
        if data.len() < start {
            data.resize(start, 0);
        }
        let overlap = (data.len() - start).min(bytes.len());
        data[start..start + overlap].copy_from_slice(&bytes[..overlap]);
        data.extend_from_slice(&bytes[overlap..]);
        self.descriptor(fd)?.offset = (start + bytes.len()) as u64;
        Ok(bytes.len())
    }

    /// `close(2)`.
    pub fn close(&mut self, fd: i64) -> Result<(), Errno> {
        self.descriptor(fd)?;
        self.open[fd as usize] = None;
        Ok(())
    }

    /// `unlink(2)` then `rmdir(2)`, as `os.Remove` tries both. Open descriptors keep the file.
    pub fn remove(&mut self, path: &str) -> Result<(), Errno> {
        let name = clean(path).ok_or(Errno::Enoent)?;
        self.check_parents(&name)?;
        match self.find(&name) {
            Some(i) => {
                self.files[i].linked = false;
                Ok(())
            }
            None if self.is_dir(&name) => Err(Errno::Enotempty),
            None => Err(Errno::Enoent),
        }
    }

    /// `stat(2)`: (size, is a directory).
    pub fn stat(&self, path: &str) -> Result<(u64, bool), Errno> {
        let name = clean(path).ok_or(Errno::Enoent)?;
        self.check_parents(&name)?;
        match self.find(&name) {
            Some(i) => Ok((self.files[i].data.len() as u64, false)),
            None if self.is_dir(&name) => Ok((4096, true)),
            None => Err(Errno::Enoent),
        }
    }

    /// The open descriptors 3 and up, for the snapshot: (fd, description, file size).
    pub fn open_files(&self) -> impl Iterator<Item = (i64, &OpenFile, u64)> {
        self.open
            .iter()
            .enumerate()
            .skip(3)
            .filter_map(|(fd, d)| d.as_ref().map(|d| (fd as i64, d)))
            .map(|(fd, d)| {
                let size = match d.target {
                    Target::File(i) => self.files[i as usize].data.len() as u64,
                    _ => 0,
                };
                (fd, d, size)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::flags::*;
    use super::*;

    fn fs() -> FileSystem {
        FileSystem::new([
            ("data.txt".to_string(), b"hello\nworld\n".to_vec()),
            ("dir/a.txt".to_string(), b"A".to_vec()),
        ])
    }

    #[test]
    fn reads_a_file_in_pieces_then_end_of_file() {
        let mut fs = fs();
        let fd = fs.open("./data.txt", O_RDONLY).unwrap();
        assert_eq!(fd, 3);
        assert_eq!(fs.read(fd, 5).unwrap(), b"hello");
        assert_eq!(fs.read(fd, 100).unwrap(), b"\nworld\n");
        assert_eq!(fs.read(fd, 100).unwrap(), b"");
        assert_eq!(fs.write(fd, b"x"), Err(Errno::Ebadf));
        fs.close(fd).unwrap();
        assert_eq!(fs.close(fd), Err(Errno::Ebadf));
        assert_eq!(fs.read(fd, 1), Err(Errno::Ebadf));
    }

    #[test]
    fn errors_are_the_kernels() {
        let mut fs = fs();
        assert_eq!(fs.open("missing.txt", O_RDONLY), Err(Errno::Enoent));
        assert_eq!(fs.open("/etc/passwd", O_RDONLY), Err(Errno::Enoent));
        assert_eq!(fs.open("../data.txt", O_RDONLY), Err(Errno::Enoent));
        assert_eq!(fs.open("data.txt/x", O_RDONLY), Err(Errno::Enotdir));
        assert_eq!(fs.open("nodir/x", O_WRONLY | O_CREAT), Err(Errno::Enoent));
        assert_eq!(fs.open("dir", O_WRONLY), Err(Errno::Eisdir));
        assert_eq!(
            fs.open("data.txt", O_WRONLY | O_CREAT | O_EXCL),
            Err(Errno::Eexist)
        );
        let d = fs.open("dir", O_RDONLY).unwrap();
        assert_eq!(fs.read(d, 10), Err(Errno::Eisdir));
        assert_eq!(fs.remove("dir"), Err(Errno::Enotempty));
        assert_eq!(fs.stat("dir/a.txt"), Ok((1, false)));
        assert_eq!(fs.stat("dir"), Ok((4096, true)));
    }

    #[test]
    fn create_truncate_append_and_lowest_free_descriptor() {
        let mut fs = fs();
        let w = fs
            .open("dir/out.txt", O_WRONLY | O_CREAT | O_TRUNC)
            .unwrap();
        assert_eq!(fs.write(w, b"one\n").unwrap(), 4);
        let a = fs.open("dir/out.txt", O_WRONLY | O_APPEND).unwrap();
        assert_eq!(a, 4);
        fs.write(a, b"two\n").unwrap();
        fs.write(w, b"ONE").unwrap(); // the first descriptor's offset is 4: overwrites "two"
        let r = fs.open("dir/out.txt", O_RDONLY).unwrap();
        assert_eq!(fs.read(r, 100).unwrap(), b"one\nONE\n");
        fs.close(w).unwrap();
        assert_eq!(fs.open("data.txt", O_RDONLY).unwrap(), 3);
        let t = fs.open("data.txt", O_RDWR | O_TRUNC).unwrap();
        assert_eq!(fs.read(t, 10).unwrap(), b"");
        let kept = fs.open("dir/out.txt", O_RDONLY).unwrap();
        fs.remove("dir/out.txt").unwrap();
        assert_eq!(fs.stat("dir/out.txt"), Err(Errno::Enoent));
        assert_eq!(
            fs.read(kept, 3).unwrap(),
            b"one",
            "an unlinked file stays readable"
        );
        assert_eq!(fs.open("dir/out.txt", O_RDONLY), Err(Errno::Enoent));
        assert_eq!(fs.open_files().count(), 5);
    }

    #[test]
    fn checkpoints_share_contents_until_written() {
        let mut fs = fs();
        let copy = fs.clone();
        let fd = fs.open("data.txt", O_WRONLY).unwrap();
        fs.write(fd, b"J").unwrap();
        assert_eq!(copy.files[0].data.as_slice(), b"hello\nworld\n");
        assert_eq!(fs.files[0].data.as_slice(), b"Jello\nworld\n");
    }

    #[test]
    fn a_full_file_system_says_so() {
        let mut fs = fs();
        let fd = fs.open("big", O_WRONLY | O_CREAT).unwrap();
        let chunk = vec![b'x'; 1 << 20];
        let mut written = 0;
        let err = loop {
            match fs.write(fd, &chunk) {
                Ok(n) => written += n,
                Err(e) => break e,
            }
        };
        assert_eq!(err, Errno::Enospc);
        assert_eq!(err.message(), "no space left on device");
        assert!(written < BYTES_MAX && written + (1 << 20) > BYTES_MAX - 64);
    }
}
