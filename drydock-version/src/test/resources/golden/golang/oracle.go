// Reference answers from golang.org/x/mod/semver. Reads lines from stdin:
//   "<v>"        -> "<v>\t<true|false>"   (semver.IsValid)
//   "<a>\t<b>"   -> "<a>\t<op>\t<b>"      (semver.Compare; both must be valid)
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/semver"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		p := strings.Split(in.Text(), "\t")
		if len(p) == 1 {
			fmt.Fprintf(out, "%s\t%v\n", p[0], semver.IsValid(p[0]))
			continue
		}
		op := map[int]string{-1: "<", 0: "=", 1: ">"}[semver.Compare(p[0], p[1])]
		fmt.Fprintf(out, "%s\t%s\t%s\n", p[0], op, p[1])
	}
}
