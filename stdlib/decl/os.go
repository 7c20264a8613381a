// Package os provides the parts of the operating system interface a program
// needs to talk to its caller: arguments, environment, standard streams, exit.
//
// Args is filled in by the host before main runs (runtimeArgs). The streams are Files wrapping a
// descriptor number; their Write methods are native and write to the VM's
// stdout and stderr sinks.
package os

// Args hold the command-line arguments, starting with the program name.
var Args []string = runtimeArgs()

// runtimeArgs returns the program name and its arguments as the host passed
// them; nil when the host passed none (an embedded script, the REPL).
func runtimeArgs() []string

// File represents an open file descriptor.
type File struct {
	fd   int
	name string
}

// Stdin, Stdout, and Stderr are open Files pointing to the standard input,
// standard output, and standard error file descriptors.
var (
	Stdin  = &File{fd: 0, name: "/dev/stdin"}
	Stdout = &File{fd: 1, name: "/dev/stdout"}
	Stderr = &File{fd: 2, name: "/dev/stderr"}
)

// Name returns the name of the file as presented to Open.
func (f *File) Name() string {
	return f.name
}

// Fd returns the integer Unix file descriptor referencing the open file.
func (f *File) Fd() uintptr {
	return uintptr(f.fd)
}

// Write writes len(b) bytes from b to the File.
// It returns the number of bytes written and an error, if any.
func (f *File) Write(b []byte) (n int, err error) {
	return write(f.fd, b), nil
}

// WriteString is like Write, but writes the contents of string s rather than
// a slice of bytes.
func (f *File) WriteString(s string) (n int, err error) {
	return writeString(f.fd, s), nil
}

// write sends b to the sink behind descriptor fd (1 = stdout, 2 = stderr) and
// returns len(b); writes to any other descriptor are dropped.
func write(fd int, b []byte) int

// writeString is write for a string, without the []byte copy.
func writeString(fd int, s string) int

// Exit causes the current program to exit with the given status code.
// Conventionally, code zero indicates success, non-zero an error.
// The program terminates immediately; deferred functions are not run.
func Exit(code int)

// Getenv retrieves the value of the environment variable named by the key.
// It returns the value, which will be empty if the variable is not present.
func Getenv(key string) string {
	v, _ := LookupEnv(key)
	return v
}

// LookupEnv retrieves the value of the environment variable named by the key.
// If the variable is present in the environment the value (which may be empty)
// is returned and the boolean is true. Otherwise the returned value will be
// empty and the boolean will be false.
func LookupEnv(key string) (string, bool)

// Environ returns a copy of strings representing the environment,
// in the form "key=value".
func Environ() []string
