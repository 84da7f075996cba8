#!/usr/bin/env python3
# QuTiP's Bloch-Redfield steady state for Hermitian couplings, the independent reference of
# test/numeric/qutipRedfield.test.ts. Nothing here is shared with bornmarkov: the spectra are transcribed
# from the model files by hand, QuTiP builds the tensor from its own eigendecomposition.
#
# Contract: reads JSON on stdin
#   {"points": [{"H": {"re", "im"}, "a_ops": [{"A": {"re", "im"}, "kind": "ohmic-exp"|"drude", ..., "T"}]}]}
# (matrices in the bare basis) and writes {"version", "rho": [{"re", "im"}]}: each steady state in the bare basis.
# QuTiP's a_ops spectrum is the noise power S(w) = 2J(w)(N(w)+1) for w > 0, 2J(-w)N(-w) for w < 0, and
# S(0) = lim 2J(w)N(w) = 2T lim J(w)/w; use_secular=False keeps every Bohr-frequency pair (full Redfield).
import json
import sys

import numpy as np
import qutip


def planck(w, T):
    return 0.0 if T == 0 else 1.0 / np.expm1(w / T)


def density(op):
    if op["kind"] == "ohmic-exp":
        eta, wc = op["eta"], op["wc"]
        return (lambda w: eta * w * np.exp(-w / wc)), eta
    if op["kind"] == "drude":
        lam, gam = op["lam"], op["gam"]
        return (lambda w: 2 * lam * gam * w / (w * w + gam * gam)), 2 * lam / gam
    raise SystemExit(f"unknown spectrum kind {op['kind']}")


def noise_power(op):
    J, slope = density(op)
    T = op["T"]

    def S(w):
        if w > 0:
            return 2 * J(w) * (planck(w, T) + 1)
        if w < 0:
            return 2 * J(-w) * planck(-w, T)
        return 2 * T * slope
    return S


def matrix(m):
    return qutip.Qobj(np.array(m["re"]) + 1j * np.array(m["im"]))


def main():
    job = json.load(sys.stdin)
    out = []
    for pt in job["points"]:
        H = matrix(pt["H"])
        a_ops = [[matrix(op["A"]), noise_power(op)] for op in pt["a_ops"]]
        R, ekets = qutip.bloch_redfield_tensor(H, a_ops, use_secular=False)
        rho_eig = qutip.steadystate(R).full()
        U = np.hstack([k.full() for k in ekets])
        rho = U @ rho_eig @ U.conj().T
        out.append({"re": rho.real.tolist(), "im": rho.imag.tolist()})
    json.dump({"version": qutip.__version__, "rho": out}, sys.stdout)


if __name__ == "__main__":
    main()
