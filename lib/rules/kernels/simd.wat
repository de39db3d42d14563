(module
  ;; WebAssembly SIMD (f64x2) kernels of the aggregation rules: pairwise
  ;; squared distances (difference form: tile24, tile11; Gram form: gram24,
  ;; with diff4 for the pairs the Gram form's guard rejects), column
  ;; sorting networks (sortColumns), the column means of rows that live in
  ;; the kernels' memory (meanRows64, meanRows32; distances to a point, dist2Rows64/32; weighted
  ;; sums, weightedRows64/32; scaled copies, scaleRows64/32: lib/rules/kernels/arena.ts)
  ;; and the benchmark's multiply-add ceiling (peak). Source of
  ;; lib/rules/kernels/simdWasm.ts, which `node dist/scripts/build-wasm.js`
  ;; regenerates with wabt (npm, dev only). Addresses are byte offsets.
  ;;
  ;; Distances: rows are contiguous blocks of `len` doubles; len must be even
  ;; (the caller handles an odd last coordinate). Each pair keeps two partial
  ;; sums (even and odd coordinates, one f64x2 accumulator) that are added at
  ;; the end of the block.
  (memory (export "memory") 1)
  ;; eight squared distances between rows a, b and rows y0..y3, over len doubles (len even), written to out
  (func (export "tile24") (param $a i32) (param $b i32) (param $y0 i32) (param $y1 i32) (param $y2 i32) (param $y3 i32) (param $len i32) (param $out i32)
    (local $end i32) (local $p v128) (local $q v128) (local $u v128) (local $t v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $p (v128.load (local.get $a)))
        (local.set $q (v128.load (local.get $b)))
        (local.set $u (v128.load (local.get $y0)))
        (local.set $t (f64x2.sub (local.get $p) (local.get $u)))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $q) (local.get $u)))
        (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $u (v128.load (local.get $y1)))
        (local.set $t (f64x2.sub (local.get $p) (local.get $u)))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $q) (local.get $u)))
        (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $u (v128.load (local.get $y2)))
        (local.set $t (f64x2.sub (local.get $p) (local.get $u)))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $q) (local.get $u)))
        (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $u (v128.load (local.get $y3)))
        (local.set $t (f64x2.sub (local.get $p) (local.get $u)))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $q) (local.get $u)))
        (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $y0 (i32.add (local.get $y0) (i32.const 16)))
        (local.set $y1 (i32.add (local.get $y1) (i32.const 16)))
        (local.set $y2 (i32.add (local.get $y2) (i32.const 16)))
        (local.set $y3 (i32.add (local.get $y3) (i32.const 16)))
        (br $next)))
    (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3))))
    (f64.store offset=32 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b0)) (f64x2.extract_lane 1 (local.get $b0))))
    (f64.store offset=40 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b1)) (f64x2.extract_lane 1 (local.get $b1))))
    (f64.store offset=48 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b2)) (f64x2.extract_lane 1 (local.get $b2))))
    (f64.store offset=56 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b3)) (f64x2.extract_lane 1 (local.get $b3)))))
  ;; one squared distance between rows a and y over len doubles (len even)
  (func (export "tile11") (param $a i32) (param $y i32) (param $len i32) (result f64)
    (local $end i32) (local $t v128) (local $s v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $t (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $y))))
        (local.set $s (f64x2.add (local.get $s) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $next)))
    (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))
  ;; Gram form (lib/rules/kernels/squaredDistances.ts: ‖x‖² + ‖y‖² − 2⟨x, y⟩ with an exactness
  ;; guard): eight dot products of rows x, x + 16384 with rows y, y + 16384, y + 32768, y + 49152 (rows
  ;; a fixed 16384 bytes = 2048 doubles apart, so that six loads share two address registers) over
  ;; len doubles (len even), one multiply and one add per pair and coordinate, one f64x2
  ;; accumulator per pair (lanes added at the end); ⟨x + r·16384, y + k·16384⟩ is stored at
  ;; out + r·stride + 8k.
  (func (export "gram24") (param $x i32) (param $y i32) (param $len i32) (param $out i32) (param $stride i32)
    (local $end i32) (local $p v128) (local $q v128) (local $u v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $p (v128.load (local.get $x)))
        (local.set $q (v128.load offset=16384 (local.get $x)))
        (local.set $u (v128.load (local.get $y)))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $p) (local.get $u))))
        (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $q) (local.get $u))))
        (local.set $u (v128.load offset=16384 (local.get $y)))
        (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $p) (local.get $u))))
        (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $q) (local.get $u))))
        (local.set $u (v128.load offset=32768 (local.get $y)))
        (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $p) (local.get $u))))
        (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $q) (local.get $u))))
        (local.set $u (v128.load offset=49152 (local.get $y)))
        (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $p) (local.get $u))))
        (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $q) (local.get $u))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $next)))
    (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $a3)) (f64x2.extract_lane 1 (local.get $a3))))
    (local.set $out (i32.add (local.get $out) (local.get $stride)))
    (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b0)) (f64x2.extract_lane 1 (local.get $b0))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b1)) (f64x2.extract_lane 1 (local.get $b1))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b2)) (f64x2.extract_lane 1 (local.get $b2))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $b3)) (f64x2.extract_lane 1 (local.get $b3)))))
  ;; four squared distances Σ (a_k − y_k)², over len doubles (len even), of four arbitrary
  ;; pairs of rows (a0, y0) … (a3, y3), written to out + 8k: how the Gram kernel recomputes the
  ;; pairs its guard rejects, four independent add chains at a time. Each pair is summed in
  ;; the same order as tile24 and tile11 (one f64x2 accumulator, lanes added at the end).
  (func (export "diff4") (param $a0 i32) (param $y0 i32) (param $a1 i32) (param $y1 i32) (param $a2 i32) (param $y2 i32) (param $a3 i32) (param $y3 i32) (param $len i32) (param $out i32)
    (local $end i32) (local $t v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $end (i32.add (local.get $a0) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a0) (local.get $end)))
        (local.set $t (f64x2.sub (v128.load (local.get $a0)) (v128.load (local.get $y0))))
        (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load (local.get $a1)) (v128.load (local.get $y1))))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load (local.get $a2)) (v128.load (local.get $y2))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load (local.get $a3)) (v128.load (local.get $y3))))
        (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a0 (i32.add (local.get $a0) (i32.const 16)))
        (local.set $y0 (i32.add (local.get $y0) (i32.const 16)))
        (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
        (local.set $y1 (i32.add (local.get $y1) (i32.const 16)))
        (local.set $a2 (i32.add (local.get $a2) (i32.const 16)))
        (local.set $y2 (i32.add (local.get $y2) (i32.const 16)))
        (local.set $a3 (i32.add (local.get $a3) (i32.const 16)))
        (local.set $y3 (i32.add (local.get $y3) (i32.const 16)))
        (br $next)))
    (f64.store offset=0 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (f64.store offset=8 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
    (f64.store offset=16 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2))))
    (f64.store offset=24 (local.get $out) (f64.add (f64x2.extract_lane 0 (local.get $s3)) (f64x2.extract_lane 1 (local.get $s3)))))
;; The benchmark's multiply-add ceiling: reps passes over len doubles (len a
  ;; multiple of 8, in cache), eight independent f64x2 accumulators, each
  ;; step one multiply and one add per lane: 4·len·reps floating-point
  ;; operations. Returns the sum so that nothing is optimised away.
  (func (export "peak") (param $p i32) (param $len i32) (param $reps i32) (result f64)
    (local $q i32) (local $end i32) (local $w v128) (local $v v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $s4 v128) (local $s5 v128) (local $s6 v128) (local $s7 v128)
    (local.set $w (f64x2.splat (f64.const 1.0000001)))
    (local.set $v (f64x2.splat (f64.const 0.9999999)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $rep
        (br_if $done (i32.eqz (local.get $reps)))
        (local.set $q (local.get $p))
        (block $pass
          (loop $next
            (br_if $pass (i32.ge_u (local.get $q) (local.get $end)))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (v128.load offset=0 (local.get $q)) (local.get $w))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (v128.load offset=16 (local.get $q)) (local.get $w))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (v128.load offset=32 (local.get $q)) (local.get $w))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (v128.load offset=48 (local.get $q)) (local.get $w))))
            (local.set $s4 (f64x2.add (local.get $s4) (f64x2.mul (v128.load offset=0 (local.get $q)) (local.get $v))))
            (local.set $s5 (f64x2.add (local.get $s5) (f64x2.mul (v128.load offset=16 (local.get $q)) (local.get $v))))
            (local.set $s6 (f64x2.add (local.get $s6) (f64x2.mul (v128.load offset=32 (local.get $q)) (local.get $v))))
            (local.set $s7 (f64x2.add (local.get $s7) (f64x2.mul (v128.load offset=48 (local.get $q)) (local.get $v))))
            (local.set $q (i32.add (local.get $q) (i32.const 64)))
            (br $next)))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $rep)))
    (local.set $s0 (f64x2.add (f64x2.add (f64x2.add (local.get $s0) (local.get $s1)) (f64x2.add (local.get $s2) (local.get $s3)))
                              (f64x2.add (f64x2.add (local.get $s4) (local.get $s5)) (f64x2.add (local.get $s6) (local.get $s7)))))
    (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
;; Sorts columns of a block by a sorting network (lib/rules/kernels/sortingNetwork.ts):
  ;; the comparators are int32 pairs (i, j) at [net, netEnd); row i of the block
  ;; starts at block + i·stride (bytes); columns [0, width) are sorted, width
  ;; even. lo ← pmin(x, y), hi ← pmax(y, x): both pick one of the two operands
  ;; by the same test y < x, so a comparator always permutes (even −0 and +0).
  (func (export "sortColumns") (param $block i32) (param $stride i32) (param $width i32) (param $net i32) (param $netEnd i32)
    (local $a i32) (local $b i32) (local $end i32) (local $x v128) (local $y v128)
    (block $done
      (loop $comparator
        (br_if $done (i32.ge_u (local.get $net) (local.get $netEnd)))
        (local.set $a (i32.add (local.get $block) (i32.mul (i32.load (local.get $net)) (local.get $stride))))
        (local.set $b (i32.add (local.get $block) (i32.mul (i32.load offset=4 (local.get $net)) (local.get $stride))))
        (local.set $end (i32.add (local.get $a) (i32.shl (local.get $width) (i32.const 3))))
        (block $row
          (loop $column
            (br_if $row (i32.ge_u (local.get $a) (local.get $end)))
            (local.set $x (v128.load (local.get $a)))
            (local.set $y (v128.load (local.get $b)))
            (v128.store (local.get $a) (f64x2.pmin (local.get $x) (local.get $y)))
            (v128.store (local.get $b) (f64x2.pmax (local.get $y) (local.get $x)))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 16)))
            (br $column)))
        (local.set $net (i32.add (local.get $net) (i32.const 8)))
        (br $comparator)))
  )
  ;; closestSum: the closest-to-a-center stage of MEAMED, PHOCAS, BULYAN and
  ;; AGGREGATHOR on a column block. For each column c < width (even) of the
  ;; `len` rows at $t (rows $stride bytes apart), with center m = $center[c]
  ;; and threshold tau = $thr[c]: the distance |x - m| of each row (NaN read
  ;; as +Infinity); sum[c] = the x of the rows with distance <= tau, added in
  ;; row order from +0 (a row not taken adds +0, which leaves the sum's bits
  ;; unchanged: a sum started at +0 is never -0), and ok[c] (an i64 at $ok)
  ;; = -1 when the rows below tau plus the rows at tau number beta (every row
  ;; at the threshold is taken, so the sum is that of the beta closest with
  ;; ties by row), else 0 (the caller redoes that column).
  (func (export "closestSum") (param $t i32) (param $stride i32) (param $len i32) (param $width i32) (param $center i32) (param $thr i32) (param $sum i32) (param $ok i32) (param $beta i32)
    (local $c i32) (local $p i32) (local $at i32) (local $m v128) (local $tau v128) (local $x v128) (local $dist v128)
    (local $lt v128) (local $eq v128) (local $count v128) (local $s v128) (local $inf v128) (local $want v128)
    (local.set $inf (f64x2.splat (f64.const inf)))
    (local.set $want (i64x2.splat (i64.extend_i32_u (local.get $beta))))
    (local.set $c (i32.const 0))
    (block $done
      (loop $column
        (br_if $done (i32.ge_u (local.get $c) (local.get $width)))
        (local.set $m (v128.load (i32.add (local.get $center) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $tau (v128.load (i32.add (local.get $thr) (i32.shl (local.get $c) (i32.const 3)))))
        (local.set $count (v128.const i64x2 0 0))
        (local.set $s (v128.const f64x2 0 0))
        (local.set $at (i32.add (local.get $t) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $p (i32.const 0))
        (block $rows
          (loop $row
            (br_if $rows (i32.ge_u (local.get $p) (local.get $len)))
            (local.set $x (v128.load (local.get $at)))
            (local.set $dist (f64x2.abs (f64x2.sub (local.get $x) (local.get $m))))
            (local.set $dist (v128.bitselect (local.get $inf) (local.get $dist) (f64x2.ne (local.get $dist) (local.get $dist))))
            (local.set $lt (f64x2.lt (local.get $dist) (local.get $tau)))
            (local.set $eq (f64x2.eq (local.get $dist) (local.get $tau)))
            (local.set $count (i64x2.sub (i64x2.sub (local.get $count) (local.get $lt)) (local.get $eq)))
            (local.set $s (f64x2.add (local.get $s) (v128.and (local.get $x) (v128.or (local.get $lt) (local.get $eq)))))
            (local.set $at (i32.add (local.get $at) (local.get $stride)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $row)))
        (v128.store (i32.add (local.get $sum) (i32.shl (local.get $c) (i32.const 3))) (local.get $s))
        (v128.store (i32.add (local.get $ok) (i32.shl (local.get $c) (i32.const 3))) (i64x2.eq (local.get $count) (local.get $want)))
        (local.set $c (i32.add (local.get $c) (i32.const 2)))
        (br $column))))
  ;; Round means of AGGREGATHOR: dst[c] += s1[c], then += s2[c], += s3[c],
  ;; += s4[c] (in this order, so the sums equal a left-to-right loop bit for
  ;; bit), for c < width (even); addRow1 adds one row.
  (func (export "addRows4") (param $dst i32) (param $s1 i32) (param $s2 i32) (param $s3 i32) (param $s4 i32) (param $width i32)
    (local $end i32) (local $t v128)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (local.set $t (f64x2.add (v128.load (local.get $dst)) (v128.load (local.get $s1))))
        (local.set $t (f64x2.add (local.get $t) (v128.load (local.get $s2))))
        (local.set $t (f64x2.add (local.get $t) (v128.load (local.get $s3))))
        (v128.store (local.get $dst) (f64x2.add (local.get $t) (v128.load (local.get $s4))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
        (local.set $s2 (i32.add (local.get $s2) (i32.const 16)))
        (local.set $s3 (i32.add (local.get $s3) (i32.const 16)))
        (local.set $s4 (i32.add (local.get $s4) (i32.const 16)))
        (br $next))))
  (func (export "addRow1") (param $dst i32) (param $s1 i32) (param $width i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store (local.get $dst) (f64x2.add (v128.load (local.get $dst)) (v128.load (local.get $s1))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
        (br $next))))
  ;; meanRows64: column means of `count` rows of f64, whose byte offsets are
  ;; the i32 entries of `table`, over `width` coordinates (even; a row may be
  ;; read one coordinate past its end), into the doubles at `dst`: each
  ;; coordinate is ((0 + x_t0) + x_t1) + … in table order, then × inv — bit
  ;; for bit meanOf's order — or, with `divide` nonzero, ÷ inv (meanOfIndices's). The coordinates go `block` at a time (the block of
  ;; sums stays in cache while four rows stream through it). Returns nonzero
  ;; when an output coordinate is not finite (NaN or ±Infinity), for the
  ;; caller's slow path.
  (func (export "meanRows64") (param $table i32) (param $count i32) (param $width i32) (param $dst i32) (param $inv f64) (param $block i32) (param $divide i32) (result i32)
    (local $c i32) (local $w i32) (local $t i32) (local $tend i32) (local $q i32) (local $e i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $x v128) (local $s v128) (local $bad v128)
    (local.set $s (f64x2.splat (local.get $inv)))
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $c) (local.get $width)))
      (local.set $w (i32.sub (local.get $width) (local.get $c)))
      (if (i32.lt_u (local.get $block) (local.get $w)) (then (local.set $w (local.get $block))))
      (local.set $e (i32.add (local.get $dst) (i32.shl (i32.add (local.get $c) (local.get $w)) (i32.const 3))))
      (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
      (block $zeroed (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $q) (local.get $e)))
        (v128.store (local.get $q) (v128.const i64x2 0 0))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $zero)))
      (local.set $t (local.get $table))
      (block $fours (loop $four
        (br_if $fours (i32.gt_u (i32.add (local.get $t) (i32.const 16)) (local.get $tend)))
        (local.set $p0 (i32.add (i32.load (local.get $t)) (i32.mul (local.get $c) (i32.const 8))))
        (local.set $p1 (i32.add (i32.load offset=4 (local.get $t)) (i32.mul (local.get $c) (i32.const 8))))
        (local.set $p2 (i32.add (i32.load offset=8 (local.get $t)) (i32.mul (local.get $c) (i32.const 8))))
        (local.set $p3 (i32.add (i32.load offset=12 (local.get $t)) (i32.mul (local.get $c) (i32.const 8))))
        (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
        (block $row4 (loop $col4
          (br_if $row4 (i32.ge_u (local.get $q) (local.get $e)))
          (local.set $x (f64x2.add (v128.load (local.get $q)) (v128.load (local.get $p0))))
          (local.set $x (f64x2.add (local.get $x) (v128.load (local.get $p1))))
          (local.set $x (f64x2.add (local.get $x) (v128.load (local.get $p2))))
          (v128.store (local.get $q) (f64x2.add (local.get $x) (v128.load (local.get $p3))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
          (local.set $p1 (i32.add (local.get $p1) (i32.const 16)))
          (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
          (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
          (br $col4)))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $four)))
      (block $ones (loop $one
        (br_if $ones (i32.ge_u (local.get $t) (local.get $tend)))
        (local.set $p0 (i32.add (i32.load (local.get $t)) (i32.mul (local.get $c) (i32.const 8))))
        (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
        (block $row1 (loop $col1
          (br_if $row1 (i32.ge_u (local.get $q) (local.get $e)))
          (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (v128.load (local.get $p0))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $p0 (i32.add (local.get $p0) (i32.const 16)))
          (br $col1)))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $one)))
      (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
      (block $scaled (loop $scale
        (br_if $scaled (i32.ge_u (local.get $q) (local.get $e)))
        (if (local.get $divide)
          (then (local.set $x (f64x2.div (v128.load (local.get $q)) (local.get $s))))
          (else (local.set $x (f64x2.mul (v128.load (local.get $q)) (local.get $s)))))
        (v128.store (local.get $q) (local.get $x))
        (local.set $bad (v128.or (local.get $bad) (f64x2.sub (local.get $x) (local.get $x))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $scale)))
      (local.set $c (i32.add (local.get $c) (local.get $w)))
      (br $blocks)))
    (v128.any_true (local.get $bad)))
  ;; meanRows32: column means of `count` rows of f32 (promoted exactly to f64), whose byte offsets are
  ;; the i32 entries of `table`, over `width` coordinates (even; a row may be
  ;; read one coordinate past its end), into the doubles at `dst`: each
  ;; coordinate is ((0 + x_t0) + x_t1) + … in table order, then × inv — bit
  ;; for bit meanOf's order — or, with `divide` nonzero, ÷ inv (meanOfIndices's). The coordinates go `block` at a time (the block of
  ;; sums stays in cache while four rows stream through it). Returns nonzero
  ;; when an output coordinate is not finite (NaN or ±Infinity), for the
  ;; caller's slow path.
  (func (export "meanRows32") (param $table i32) (param $count i32) (param $width i32) (param $dst i32) (param $inv f64) (param $block i32) (param $divide i32) (result i32)
    (local $c i32) (local $w i32) (local $t i32) (local $tend i32) (local $q i32) (local $e i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $x v128) (local $s v128) (local $bad v128)
    (local.set $s (f64x2.splat (local.get $inv)))
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $c) (local.get $width)))
      (local.set $w (i32.sub (local.get $width) (local.get $c)))
      (if (i32.lt_u (local.get $block) (local.get $w)) (then (local.set $w (local.get $block))))
      (local.set $e (i32.add (local.get $dst) (i32.shl (i32.add (local.get $c) (local.get $w)) (i32.const 3))))
      (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
      (block $zeroed (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $q) (local.get $e)))
        (v128.store (local.get $q) (v128.const i64x2 0 0))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $zero)))
      (local.set $t (local.get $table))
      (block $fours (loop $four
        (br_if $fours (i32.gt_u (i32.add (local.get $t) (i32.const 16)) (local.get $tend)))
        (local.set $p0 (i32.add (i32.load (local.get $t)) (i32.mul (local.get $c) (i32.const 4))))
        (local.set $p1 (i32.add (i32.load offset=4 (local.get $t)) (i32.mul (local.get $c) (i32.const 4))))
        (local.set $p2 (i32.add (i32.load offset=8 (local.get $t)) (i32.mul (local.get $c) (i32.const 4))))
        (local.set $p3 (i32.add (i32.load offset=12 (local.get $t)) (i32.mul (local.get $c) (i32.const 4))))
        (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
        (block $row4 (loop $col4
          (br_if $row4 (i32.ge_u (local.get $q) (local.get $e)))
          (local.set $x (f64x2.add (v128.load (local.get $q)) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p0)))))
          (local.set $x (f64x2.add (local.get $x) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p1)))))
          (local.set $x (f64x2.add (local.get $x) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p2)))))
          (v128.store (local.get $q) (f64x2.add (local.get $x) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p3)))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $p0 (i32.add (local.get $p0) (i32.const 8)))
          (local.set $p1 (i32.add (local.get $p1) (i32.const 8)))
          (local.set $p2 (i32.add (local.get $p2) (i32.const 8)))
          (local.set $p3 (i32.add (local.get $p3) (i32.const 8)))
          (br $col4)))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $four)))
      (block $ones (loop $one
        (br_if $ones (i32.ge_u (local.get $t) (local.get $tend)))
        (local.set $p0 (i32.add (i32.load (local.get $t)) (i32.mul (local.get $c) (i32.const 4))))
        (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
        (block $row1 (loop $col1
          (br_if $row1 (i32.ge_u (local.get $q) (local.get $e)))
          (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p0)))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $p0 (i32.add (local.get $p0) (i32.const 8)))
          (br $col1)))
        (local.set $t (i32.add (local.get $t) (i32.const 4)))
        (br $one)))
      (local.set $q (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 3))))
      (block $scaled (loop $scale
        (br_if $scaled (i32.ge_u (local.get $q) (local.get $e)))
        (if (local.get $divide)
          (then (local.set $x (f64x2.div (v128.load (local.get $q)) (local.get $s))))
          (else (local.set $x (f64x2.mul (v128.load (local.get $q)) (local.get $s)))))
        (v128.store (local.get $q) (local.get $x))
        (local.set $bad (v128.or (local.get $bad) (f64x2.sub (local.get $x) (local.get $x))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $scale)))
      (local.set $c (i32.add (local.get $c) (local.get $w)))
      (br $blocks)))
    (v128.any_true (local.get $bad)))
  ;; dist2Rows64: for each of `count` rows (f64; byte offsets in the i32 `table`), adds
  ;; Σ_c (x_c − y_c)² over `width` coordinates (even) to the double out[p];
  ;; y: `width` doubles at `point`. Two partial sums (even and odd
  ;; coordinates) are added at the end of the call.
  (func (export "dist2Rows64") (param $table i32) (param $count i32) (param $width i32) (param $point i32) (param $out i32)
    (local $t i32) (local $tend i32) (local $p i32) (local $y i32) (local $yend i32) (local $acc v128) (local $x v128)
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $yend (i32.add (local.get $point) (i32.shl (local.get $width) (i32.const 3))))
    (local.set $t (local.get $table))
    (block $rows (loop $row
      (br_if $rows (i32.ge_u (local.get $t) (local.get $tend)))
      (local.set $p (i32.load (local.get $t)))
      (local.set $y (local.get $point))
      (local.set $acc (v128.const i64x2 0 0))
      (block $cols (loop $col
        (br_if $cols (i32.ge_u (local.get $y) (local.get $yend)))
        (local.set $x (f64x2.sub (v128.load (local.get $p)) (v128.load (local.get $y))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $col)))
      (f64.store (local.get $out) (f64.add (f64.load (local.get $out))
        (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $row)))
  )
  ;; dist2Rows32: for each of `count` rows (f32, promoted exactly; byte offsets in the i32 `table`), adds
  ;; Σ_c (x_c − y_c)² over `width` coordinates (even) to the double out[p];
  ;; y: `width` doubles at `point`. Two partial sums (even and odd
  ;; coordinates) are added at the end of the call.
  (func (export "dist2Rows32") (param $table i32) (param $count i32) (param $width i32) (param $point i32) (param $out i32)
    (local $t i32) (local $tend i32) (local $p i32) (local $y i32) (local $yend i32) (local $acc v128) (local $x v128)
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $yend (i32.add (local.get $point) (i32.shl (local.get $width) (i32.const 3))))
    (local.set $t (local.get $table))
    (block $rows (loop $row
      (br_if $rows (i32.ge_u (local.get $t) (local.get $tend)))
      (local.set $p (i32.load (local.get $t)))
      (local.set $y (local.get $point))
      (local.set $acc (v128.const i64x2 0 0))
      (block $cols (loop $col
        (br_if $cols (i32.ge_u (local.get $y) (local.get $yend)))
        (local.set $x (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))) (v128.load (local.get $y))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $col)))
      (f64.store (local.get $out) (f64.add (f64.load (local.get $out))
        (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
      (local.set $out (i32.add (local.get $out) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $row)))
  )
  ;; weightedRows64: dst[c] = ((0 + w_0·x_0[c]) + w_1·x_1[c]) + … over `count` rows
  ;; (f64; byte offsets in the i32 `table`, weights the doubles at
  ;; `weights`; a zero weight skips its row), for c < width (even): the order
  ;; and roundings of lib/rules/inputs.ts's weightedSum, bit for bit.
  (func (export "weightedRows64") (param $table i32) (param $weights i32) (param $count i32) (param $width i32) (param $dst i32)
    (local $t i32) (local $tend i32) (local $p i32) (local $q i32) (local $e i32) (local $w v128)
    (local.set $e (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 3))))
    (local.set $q (local.get $dst))
    (block $zeroed (loop $zero
      (br_if $zeroed (i32.ge_u (local.get $q) (local.get $e)))
      (v128.store (local.get $q) (v128.const i64x2 0 0))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br $zero)))
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $t (local.get $table))
    (block $rows (loop $row
      (br_if $rows (i32.ge_u (local.get $t) (local.get $tend)))
      (if (f64.ne (f64.load (local.get $weights)) (f64.const 0))
        (then
          (local.set $w (f64x2.splat (f64.load (local.get $weights))))
          (local.set $p (i32.load (local.get $t)))
          (local.set $q (local.get $dst))
          (block $cols (loop $col
            (br_if $cols (i32.ge_u (local.get $q) (local.get $e)))
            (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $w) (v128.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $col)))))
      (local.set $weights (i32.add (local.get $weights) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $row)))
  )
  ;; weightedRows32: dst[c] = ((0 + w_0·x_0[c]) + w_1·x_1[c]) + … over `count` rows
  ;; (f32, promoted exactly; byte offsets in the i32 `table`, weights the doubles at
  ;; `weights`; a zero weight skips its row), for c < width (even): the order
  ;; and roundings of lib/rules/inputs.ts's weightedSum, bit for bit.
  (func (export "weightedRows32") (param $table i32) (param $weights i32) (param $count i32) (param $width i32) (param $dst i32)
    (local $t i32) (local $tend i32) (local $p i32) (local $q i32) (local $e i32) (local $w v128)
    (local.set $e (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 3))))
    (local.set $q (local.get $dst))
    (block $zeroed (loop $zero
      (br_if $zeroed (i32.ge_u (local.get $q) (local.get $e)))
      (v128.store (local.get $q) (v128.const i64x2 0 0))
      (local.set $q (i32.add (local.get $q) (i32.const 16)))
      (br $zero)))
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $t (local.get $table))
    (block $rows (loop $row
      (br_if $rows (i32.ge_u (local.get $t) (local.get $tend)))
      (if (f64.ne (f64.load (local.get $weights)) (f64.const 0))
        (then
          (local.set $w (f64x2.splat (f64.load (local.get $weights))))
          (local.set $p (i32.load (local.get $t)))
          (local.set $q (local.get $dst))
          (block $cols (loop $col
            (br_if $cols (i32.ge_u (local.get $q) (local.get $e)))
            (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $w) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))))))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $col)))))
      (local.set $weights (i32.add (local.get $weights) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $row)))
  )
  ;; scaleRows64: for each of `count` rows (f64; byte offsets in the i32 `table`), writes
  ;; x_c · s_p (s_p: the doubles at `factors`) to the row of `width` doubles
  ;; (even) at dst + p·stride bytes, NaN where the product is not finite —
  ;; lib/rules/preaggregator.ts's `scaled`, coordinate by coordinate.
  (func (export "scaleRows64") (param $table i32) (param $factors i32) (param $count i32) (param $width i32) (param $dst i32) (param $stride i32)
    (local $t i32) (local $tend i32) (local $p i32) (local $q i32) (local $e i32) (local $s v128) (local $y v128) (local $nan v128)
    (local.set $nan (f64x2.splat (f64.const nan)))
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $t (local.get $table))
    (block $rows (loop $row
      (br_if $rows (i32.ge_u (local.get $t) (local.get $tend)))
      (local.set $s (f64x2.splat (f64.load (local.get $factors))))
      (local.set $p (i32.load (local.get $t)))
      (local.set $q (local.get $dst))
      (local.set $e (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 3))))
      (block $cols (loop $col
        (br_if $cols (i32.ge_u (local.get $q) (local.get $e)))
        (local.set $y (f64x2.mul (v128.load (local.get $p)) (local.get $s)))
        (v128.store (local.get $q) (v128.bitselect (local.get $y) (local.get $nan)
          (f64x2.eq (f64x2.sub (local.get $y) (local.get $y)) (v128.const i64x2 0 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $col)))
      (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
      (local.set $factors (i32.add (local.get $factors) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $row)))
  )
  ;; scaleRows32: for each of `count` rows (f32, promoted exactly; byte offsets in the i32 `table`), writes
  ;; x_c · s_p (s_p: the doubles at `factors`) to the row of `width` doubles
  ;; (even) at dst + p·stride bytes, NaN where the product is not finite —
  ;; lib/rules/preaggregator.ts's `scaled`, coordinate by coordinate.
  (func (export "scaleRows32") (param $table i32) (param $factors i32) (param $count i32) (param $width i32) (param $dst i32) (param $stride i32)
    (local $t i32) (local $tend i32) (local $p i32) (local $q i32) (local $e i32) (local $s v128) (local $y v128) (local $nan v128)
    (local.set $nan (f64x2.splat (f64.const nan)))
    (local.set $tend (i32.add (local.get $table) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $t (local.get $table))
    (block $rows (loop $row
      (br_if $rows (i32.ge_u (local.get $t) (local.get $tend)))
      (local.set $s (f64x2.splat (f64.load (local.get $factors))))
      (local.set $p (i32.load (local.get $t)))
      (local.set $q (local.get $dst))
      (local.set $e (i32.add (local.get $dst) (i32.shl (local.get $width) (i32.const 3))))
      (block $cols (loop $col
        (br_if $cols (i32.ge_u (local.get $q) (local.get $e)))
        (local.set $y (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))) (local.get $s)))
        (v128.store (local.get $q) (v128.bitselect (local.get $y) (local.get $nan)
          (f64x2.eq (f64x2.sub (local.get $y) (local.get $y)) (v128.const i64x2 0 0))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $col)))
      (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
      (local.set $factors (i32.add (local.get $factors) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $row)))
  )
)
