// Command gen_go_outputs prints Go's own output for a sample of strconv and fmt calls,
// one case per line, tab-separated: the expectations of go_outputs.rs.
//
// Regenerate with: go run gen_go_outputs.go > go_outputs.tsv
package main

import (
	"bufio"
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
)

// keepRate is the share of generated cases of each kind that is printed.
var keepRate = map[string]float64{
	"TF64": 0.002, "TF32": 0.001, "F64": 0.0015, "F32": 0.001, "FLT": 0.004, "F32V": 0.015, "INT": 0.013, "UINT": 0.015,
	"STR": 0.028, "BYTES": 0.028, "BOOL": 0.13, "PI": 0.08, "PU": 0.08, "QR": 0.005,
}

var (
	w       = bufio.NewWriter(os.Stdout)
	sampler = rand.New(rand.NewSource(99))
)

// emit prints one case, or skips it when its kind is sampled.
func emit(kind string, format string, args ...any) {
	if rate, ok := keepRate[kind]; ok && sampler.Float64() >= rate {
		return
	}
	fmt.Fprintf(w, kind+"\t"+format, args...)
}

func main() {
	defer w.Flush()
	r := rand.New(rand.NewSource(1))
	var floats []float64
	for i := 0; i < 3000; i++ {
		floats = append(floats, math.Float64frombits(r.Uint64()))
	}
	for i := 0; i < 1000; i++ {
		floats = append(floats, float64(r.Intn(2000000)-1000000)/math.Pow(10, float64(r.Intn(12))))
	}
	floats = append(floats, 0, math.Copysign(0, -1), 1, 0.5, 1.5, 2.5, 1e21, 1e20, 123456789, 5e-324, math.MaxFloat64, 0.1, 100000, 1e6, 999999.5, 9.5, 0.05, 0.15, 0.25, 0.35)
	fmts := []byte{'e', 'E', 'f', 'g', 'G', 'x', 'X', 'b'}
	precs := []int{-1, 0, 1, 2, 3, 5, 8, 12, 16, 17, 20, 25, 40}
	for _, f := range floats {
		for _, c := range fmts {
			for _, p := range precs {
				emit("F64", "%d\t%c\t%d\t%s\n", math.Float64bits(f), c, p, strconv.FormatFloat(f, c, p, 64))
				f32 := float64(float32(f))
				emit("F32", "%d\t%c\t%d\t%s\n", math.Float64bits(f32), c, p, strconv.FormatFloat(f32, c, p, 32))
			}
		}
	}
	flags := []string{"", "-", "+", "#", "0", " ", "-0", "+0", "#0", " 0", "+#", "# ", "-#"}
	widths := []string{"", "1", "8", "25"}
	precsS := []string{"", ".", ".0", ".3", ".10"}
	ints := []int64{0, 1, -1, 42, -42, 255, 0x4e16, 0x1F600, math.MaxInt64, math.MinInt64, 0xD800, 0x110000}
	for _, fl := range flags {
		for _, wd := range widths {
			for _, pr := range precsS {
				for _, verb := range "dboOxXcqUv" {
					format := "%" + fl + wd + pr + string(verb)
					for _, v := range ints {
						emit("INT", "%q\t%d\t%q\n", format, v, fmt.Sprintf(format, v))
					}
					for _, v := range []uint64{0, 7, 200, math.MaxUint64} {
						emit("UINT", "%q\t%d\t%q\n", format, v, fmt.Sprintf(format, v))
					}
				}
				for _, verb := range "eEfFgGxXvb" {
					format := "%" + fl + wd + pr + string(verb)
					for _, v := range floats[3000:3040] {
						emit("FLT", "%q\t%d\t%q\n", format, math.Float64bits(v), fmt.Sprintf(format, v))
					}
					for _, v := range []float64{math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1), 1e-323, 123456, 1e21} {
						emit("FLT", "%q\t%d\t%q\n", format, math.Float64bits(v), fmt.Sprintf(format, v))
					}
					for _, v := range []float32{0.1, 1.0 / 3, 16777216, 3.4e38} {
						emit("F32V", "%q\t%d\t%q\n", format, math.Float64bits(float64(v)), fmt.Sprintf(format, v))
					}
				}
				for _, verb := range "sqxXvd" {
					format := "%" + fl + wd + pr + string(verb)
					for _, v := range []string{"", "abc", "日本語日本語", "a\tb\n\"c\"", "\xff\xfe", "`raw`", "\u00a0\u0301x"} {
						emit("STR", "%q\t%q\t%q\n", format, v, fmt.Sprintf(format, v))
						emit("BYTES", "%q\t%q\t%q\n", format, v, fmt.Sprintf(format, []byte(v)))
					}
				}
				for _, verb := range "tvd" {
					format := "%" + fl + wd + pr + string(verb)
					emit("BOOL", "%q\t%t\t%q\n", format, true, fmt.Sprintf(format, true))
				}
			}
		}
	}
	// Directive parsing with several args.
	forms := []string{"%d %d", "%[2]d %[1]d", "%*d", "%-*d", "%.*f", "%[3]*.[2]*[1]f", "%d %s", "%!", "%", "%5", "%[1]d %d %d", "%v%v%v", "%[0]d", "%[x]d", "%.[2]d", "%*.*d", "%[2]*d", "%3$d", "%é", "%\xff", "100%%", "%0-5d|", "%-05d|", "%+-5d|", "% -5d|", "%#-8x|", "%x %X %o", "%c%c", "%U %#U"}
	for _, f := range forms {
		emit("ARGS", "%q\t%q\n", f, fmt.Sprintf(f, 12, 3, 7))
		emit("ARGS1", "%q\t%q\n", f, fmt.Sprintf(f, 5))
	}
	// ParseFloat / ParseInt / Quote / Unquote.
	inputs := []string{"1", "1.5", "-0", "+inf", "Inf", "infinity", "nan", "NaN", "-nan", "1e400", "-1e400", "1e-400", "0x1p-1074", "0x1.fffffffffffffp1023", "0x1p1024", "1_000", "1__0", "_1", "0x_1p0", "0x1_p0", ".5", "5.", ".", "e5", "1e", "1e+", "0x", "0x1", "0x1p", "0x.8p1", "0X1P-2", "00012", "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "2.4703282292062328e-324", "3.4028235e38", "3.4028236e38", "1e39", "0.000001", "123456789012345678901234567890", " 1", "1 ", "", "+", "-", "0b101", "0o17", "017", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "99999999999999999999x", "ff", "-ff", "0xff", "1_2_3", "0_1", "0x_f", "+0x1f", "--1"}
	for _, s := range inputs {
		v, err := strconv.ParseFloat(s, 64)
		emit("PF64", "%q\t%d\t%v\n", s, math.Float64bits(v), err)
		v, err = strconv.ParseFloat(s, 32)
		emit("PF32", "%q\t%d\t%v\n", s, math.Float64bits(v), err)
		for _, base := range []int{0, 10, 16, 2, 8, 36, 1, 37} {
			for _, bits := range []int{0, 8, 32, 64, 65} {
				i, err := strconv.ParseInt(s, base, bits)
				emit("PI", "%q\t%d\t%d\t%d\t%v\n", s, base, bits, i, err)
				u, err := strconv.ParseUint(s, base, bits)
				emit("PU", "%q\t%d\t%d\t%d\t%v\n", s, base, bits, u, err)
			}
		}
		a, err := strconv.Atoi(s)
		emit("ATOI", "%q\t%d\t%v\n", s, a, err)
	}
	qs := []string{"", "abc", "a\x00b\x07\x08\x0c\n\r\t\x0b\x7f", "\xff\xc3", "\u00a0\u2028\ufeff\U0001F600\U000E0001\u0378", "'\"\\`", "\u0301\u200b\u00ad", "\xed\xa0\x80"}
	for _, s := range qs {
		emit("Q", "%q\t%s\t%s\n", s, strconv.Quote(s), strconv.QuoteToASCII(s))
	}
	for r := rune(0); r < 0x31000; r += 7 {
		emit("QR", "%d\t%s\t%s\n", r, strconv.QuoteRune(r), strconv.QuoteRuneToASCII(r))
	}
	uqs := []string{`""`, `"a"`, `"\x41"`, `"\101"`, `"\u00e9"`, `"\U0001F600"`, `'a'`, `'ab'`, `''`, "`a\rb`", "`a`b`", `"a"b"`, `"\q"`, `"\'"`, `'\"'`, `"\ud800"`, `"` + "\xff" + `"`, `'` + "\xff" + `'`, `"abc`, `abc"`, `"\400"`, `"\377"`, "\"a\nb\"", `'\''`, `"'"`}
	for _, s := range uqs {
		u, err := strconv.Unquote(s)
		emit("UQ", "%q\t%q\t%v\n", s, u, err)
	}
	// Values whose exact decimal expansion is short, where shortest digits can tie.
	r = rand.New(rand.NewSource(2))
	for i := 0; i < 100000; i++ {
		f := float64(math.Float32frombits(r.Uint32()))
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		emit("TF32", "%d\tg\t-1\t%s\n", math.Float64bits(f), strconv.FormatFloat(f, 'g', -1, 32))
	}
	for i := 0; i < 100000; i++ {
		// Values with short exact expansions: integers and dyadic fractions.
		var f float64
		switch i % 3 {
		case 0:
			f = float64(r.Int63n(1<<62)) * math.Pow(2, float64(r.Intn(30)))
		case 1:
			f = float64(r.Int63n(1<<53)) / math.Pow(2, float64(r.Intn(20)))
		default:
			f = float64(r.Int63n(1<<24)) * math.Pow(10, float64(r.Intn(10)))
		}
		emit("TF64", "%d\tg\t-1\t%s\n", math.Float64bits(f), strconv.FormatFloat(f, 'g', -1, 64))
		f32 := float64(float32(f))
		emit("TF32", "%d\te\t-1\t%s\n", math.Float64bits(f32), strconv.FormatFloat(f32, 'e', -1, 32))
	}
}
