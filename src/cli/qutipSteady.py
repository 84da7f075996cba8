#!/usr/bin/env python3
# QuTiP side of src/cli/benchSteady.ts: Case A of seed 000 (two coupled two-level atoms, atom 1 in bath a,
# atom 2 in bath b), non-secular Bloch-Redfield steady states with QuTiP, for timing and cross-checking.
#
# Contract: reads JSON on stdin
#   {"Omega", "Delta", "xi", "gamma", "points": [[Ta, Tb], ...], "check": [{"Ta", "Tb", "V": {"re", "im"}}]}
# and writes JSON on stdout
#   {"version", "seconds", "points", "check": [{"re": [[...]], "im": [[...]]}]}
# where seconds is the wall time of bloch_redfield_tensor + steadystate over all points and each check entry is
# the steady state carried to the bornmarkov eigenbasis by the given eigenvector matrix V: V^dagger rho V.
#
# Mapping to bornmarkov's model: H_SB = sigma_1^x (a + a^dag) style Hermitian couplings A = sigma_k^- + sigma_k^+
# with the noise-power spectrum S(w) = 2 gamma (N(w) + 1) for w > 0 (relaxation), 2 gamma N(|w|) for w < 0.
# A Hermitian A also brings counter-rotating terms (sigma^- rho sigma^-) that the rotating-wave coupling of the
# model does not have; their Bohr-frequency mismatches are sums of two transition frequencies, the smallest being
# 2*eps2 = 2*Omega - s (s = sqrt(Delta^2 + 4 xi^2) = eps1 - eps2), while the non-secular terms the model keeps
# have mismatch s. QuTiP's sec_cutoff is relative to the smallest Bohr frequency, s here (s < eps2), so the
# cutoff is set halfway between: it keeps the non-secular terms and drops exactly the counter-rotating ones.
# (A fixed sec_cutoff = 5 would keep the 2*eps2 terms once Delta grows, e.g. Delta = 10: |rho32| 0.0322 vs 0.0342.)
import json
import sys
import time

import numpy as np
import qutip



def planck(w, T):
    if T == 0:
        return 0.0
    return 1.0 / np.expm1(w / T)


def spectrum(gamma, T):
    def S(w):
        if w > 0:
            return 2 * gamma * (planck(w, T) + 1)
        if w < 0:
            return 2 * gamma * planck(-w, T)
        return 0.0
    return S


def main():
    job = json.load(sys.stdin)
    Omega, Delta, xi, gamma = job["Omega"], job["Delta"], job["xi"], job["gamma"]
    major = int(qutip.__version__.split(".")[0])
    # |e> = basis(2, 0), |g> = basis(2, 1); site 1 is the first tensor factor: bare order ee, eg, ge, gg
    e, g = qutip.basis(2, 0), qutip.basis(2, 1)
    sm = g * e.dag()
    sz = e * e.dag() - g * g.dag()
    I = qutip.qeye(2)
    sm1, sm2 = qutip.tensor(sm, I), qutip.tensor(I, sm)
    sz1, sz2 = qutip.tensor(sz, I), qutip.tensor(I, sz)
    w1, w2 = Omega + Delta / 2, Omega - Delta / 2
    H = w1 / 2 * sz1 + w2 / 2 * sz2 + xi * (sm1.dag() * sm2 + sm1 * sm2.dag())
    x1, x2 = sm1 + sm1.dag(), sm2 + sm2.dag()
    s = np.sqrt(Delta**2 + 4 * xi**2)
    eps2 = Omega - s / 2
    if not s < eps2:
        raise SystemExit(f"qutipSteady.py: the cutoff rule needs sqrt(Delta^2 + 4 xi^2) < eps2 (got {s} and {eps2})")
    sec_cutoff = (s + 2 * eps2) / (2 * s)

    def tensor_for(Ta, Tb):
        a_ops = [[x1, spectrum(gamma, Ta)], [x2, spectrum(gamma, Tb)]]
        if major >= 5:
            return qutip.bloch_redfield_tensor(H, a_ops, sec_cutoff=sec_cutoff)
        # QuTiP 4: the tensor is always in the eigenbasis, returned with the eigenkets
        return qutip.bloch_redfield_tensor(H, a_ops, use_secular=True, sec_cutoff=sec_cutoff)

    def eigvec_matrix(ev):
        if isinstance(ev, qutip.Qobj):
            return ev.full()
        return np.hstack([k.full() for k in ev])

    t0 = time.perf_counter()
    for Ta, Tb in job["points"]:
        R = tensor_for(Ta, Tb)[0]
        qutip.steadystate(R)
    seconds = time.perf_counter() - t0

    check = []
    for c in job["check"]:
        R, ev = tensor_for(c["Ta"], c["Tb"])
        rho_eig = qutip.steadystate(R).full()
        U = eigvec_matrix(ev)  # columns: QuTiP's eigenvectors in the bare basis
        rho_bare = U @ rho_eig @ U.conj().T
        V = np.array(c["V"]["re"]) + 1j * np.array(c["V"]["im"])
        rho = V.conj().T @ rho_bare @ V
        check.append({"re": rho.real.tolist(), "im": rho.imag.tolist()})

    json.dump({"version": qutip.__version__, "seconds": seconds, "points": len(job["points"]), "check": check}, sys.stdout)


if __name__ == "__main__":
    main()
