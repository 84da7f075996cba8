#!/usr/bin/python3
# HEOM steady states of the Kato–Tanimura model (derivations/examples/kato-tanimura.json): the exact reference
# that bornmarkov's master equations are judged against (issue 10, item 3). For each J12 it returns the heat
# current from the hot bath and the site coherence <sigma1+ sigma2->, with the hierarchy depth and the number of
# Padé exponents raised until raising either changes both observables by less than --tol (relative); the
# convergence is recorded in the output. Needs Debian's python3-qutip (4.7: qutip.nonmarkov.heom); run it with
# /usr/bin/python3:
#
#   /usr/bin/python3 benchmarks/heom/kato_tanimura_heom.py --points 10 --scaling --out benchmarks/heom/kato-tanimura.json
#   /usr/bin/python3 benchmarks/heom/kato_tanimura_heom.py --J12 0.1,0.5          # two points, JSON on stdout
#
# Conventions (README, "Hermitian couplings and spectral densities"): H_SB = sum_alpha Q_alpha (x) B_alpha with
# B = sum_q g_q (b_q + b_q^+), J(w) = pi sum_q g_q^2 delta(w - w_q). Then
#   C(t) = <B(t)B(0)> = (1/pi) int_0^oo dw J(w) [coth(w/2T) cos(wt) - i sin(wt)],
# which is the correlation function QuTiP's DrudeLorentzBath / DrudeLorentzPadeBath(Q, lam, gamma, T, Nk) expand
# for J(w) = 2 lam gamma w/(w^2 + gamma^2) (QuTiP HEOM guide, "Bosonic environments"). The model's spectrum is
# that same J with lam = lam, gamma = gam, so the mapping is the identity; it is checked numerically here: the
# noise power of the expansion, S(w) = 2 Re sum_k a_k/(v_k - i w) for C(t) = sum_k a_k e^{-v_k t}, is compared with
# S(w) = 2J(w)[N(w)+1] (bornmarkov's and QuTiP's a_ops spectrum) at the Bohr frequencies of each point, and the
# antisymmetric part S(w) - S(-w) = 2J(w), which the single imaginary exponent carries exactly, to rounding.
#
# The heat current into the system from bath alpha is the bath-alpha term of the system-energy balance,
#   J_alpha = Tr[H_S D_alpha],  D_alpha = -i sum_{k in alpha} [Q_alpha, rho_{e_k}],
# where rho_{e_k} are the first-tier auxiliary density operators: the tier-0 equation of QuTiP's (unscaled)
# hierarchy is d rho/dt = -i[H_S, rho] - i sum_k [Q_k, rho_{e_k}] (qutip/nonmarkov/bofin_solvers.py,
# HEOMSolver._grad_next_bosonic), i.e. sum_{k in alpha} rho_{e_k} stands for Tr_B(B_alpha rho_total). This is the
# definition bornmarkov uses for its master equations (J_alpha = Tr[H_S D_alpha(rho)], positive into the
# system). In a steady state it equals the energy leaving bath alpha, -d<H_B,alpha>/dt, because
# d<Q_alpha B_alpha>/dt = 0 and Q_h, Q_c commute (A. Kato and Y. Tanimura, J. Chem. Phys. 143, 064107 (2015),
# discuss the system- and bath-side definitions of the HEOM heat current). J_h + J_c = 0 is recorded as a check.
#
# The steady state is solved here rather than by HEOMSolver.steady_state (a sparse LU that fills in badly: 160 s
# for 1287 ADOs on this machine): GMRES on the same matrix (QuTiP's RHSmat, tier-0 row 0 replaced by Tr rho = 1,
# exactly as steady_state does), preconditioned by an exact LU of the tiers <= 2 and block-Jacobi on the deeper
# tiers; the residual |A x - b| is recorded per point.
import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sps
import scipy.sparse.linalg as spla

import qutip
from qutip.nonmarkov.heom import DrudeLorentzPadeBath, HEOMSolver

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
MODEL = 'derivations/examples/kato-tanimura.json'

# The model as transcribed below; the script refuses to run if the model file says something else.
EXPECTED = {
    'hamiltonian': 'eps*sp(1)*sm(1) + eps*sp(2)*sm(2) + J12*(sp(1)*sm(2) + sm(1)*sp(2))',
    'couplings': {'x1': 'sp(1) + sm(1)', 'x2': 'sp(2) + sm(2)'},
    'baths': {'h': ('Th', {'x1': '2*lam*gam*w/(w^2 + gam^2)'}), 'c': ('Tc', {'x2': '2*lam*gam*w/(w^2 + gam^2)'})},
    'sites': [['e', 'g'], ['e', 'g']],
}


def load_model():
    with open(os.path.join(REPO, MODEL)) as f:
        m = json.load(f)
    problems = []
    if m['system']['hamiltonian'] != EXPECTED['hamiltonian']:
        problems.append('system.hamiltonian')
    if [s['levels'] for s in m['system']['sites']] != EXPECTED['sites']:
        problems.append('system.sites')
    if {k: v['operator'] for k, v in m['couplings'].items()} != EXPECTED['couplings']:
        problems.append('couplings')
    if {k: (v['temperature'], v['spectrum']) for k, v in m['baths'].items()} != EXPECTED['baths']:
        problems.append('baths')
    if problems:
        raise SystemExit(f'{MODEL}: {", ".join(problems)} changed; update the transcription in {__file__}')
    return m, {k: float(v['default']) for k, v in m['parameters'].items()}


# Bare basis of the model: sites 1, 2 (first slowest), levels (e, g): |ee>, |eg>, |ge>, |gg>.
SP = np.array([[0, 1], [0, 0]], dtype=complex)  # sigma+ = |e><g| with e first
ID = np.eye(2, dtype=complex)
S1P = np.kron(SP, ID)
S2P = np.kron(ID, SP)
DIMS = [[2, 2], [2, 2]]


def system(p):
    H = p['eps'] * (S1P @ S1P.conj().T + S2P @ S2P.conj().T) + p['J12'] * (S1P @ S2P.conj().T + S1P.conj().T @ S2P)
    return H, S1P + S1P.conj().T, S2P + S2P.conj().T


def drude_J(w, p):
    return 2 * p['lam'] * p['gam'] * w / (w * w + p['gam'] ** 2)


def noise_power(w, T, p):
    """S(w) = 2J(w)[N(w)+1] (w > 0), 2J(-w)N(-w) (w < 0), S(0) = 2T lim J/w."""
    if w == 0:
        return 2 * T * 2 * p['lam'] / p['gam']
    n = 1 / np.expm1(abs(w) / T)
    return 2 * drude_J(w, p) * (n + 1) if w > 0 else 2 * drude_J(-w, p) * n


def expansion_noise_power(exponents, w):
    """2 Re sum_k a_k/(v_k - i w) for C(t) = sum_R ck e^{-vk t} + i sum_I ck e^{-vk t} (t >= 0), C(-t) = C(t)*."""
    total = 0j
    for e in exponents:
        a = {'R': e.ck, 'I': 1j * e.ck, 'RI': e.ck + 1j * (e.ck2 or 0)}[e.type.name]
        total += a / (e.vk - 1j * w)
    return 2 * total.real


def bath_check(baths, p, H):
    """Max relative deviation of the expansion's S(w) from 2J(N+1) at +-Bohr frequencies, and of S(w)-S(-w) from 2J."""
    E = np.linalg.eigvalsh(H)
    freqs = sorted({round(abs(a - b), 12) for a in E for b in E})
    worst_S = 0.0
    worst_odd = 0.0
    for bath, T in baths:
        for w in freqs:
            for s in ((w, -w) if w > 0 else (0.0,)):
                ref = noise_power(s, T, p)
                worst_S = max(worst_S, abs(expansion_noise_power(bath.exponents, s) - ref) / abs(ref))
            if w > 0:
                odd = expansion_noise_power(bath.exponents, w) - expansion_noise_power(bath.exponents, -w)
                worst_odd = max(worst_odd, abs(odd - 2 * drude_J(w, p)) / (2 * drude_J(w, p)))
    return worst_S, worst_odd


def solve_steady(solver):
    """The HEOM steady state: QuTiP's RHSmat with row 0 replaced by the trace condition, solved by GMRES."""
    A0 = solver.RHSmat.tocsr().astype(complex)
    N = A0.shape[0]
    n = solver._sys_shape
    m = n * n
    trace_row = sps.csr_matrix((np.ones(n), (np.zeros(n, dtype=int), [i * (n + 1) for i in range(n)])), shape=(N, N))
    keep = sps.diags(np.r_[0.0, np.ones(N - 1)])
    A = (keep @ A0 + trace_row).tocsr()
    b = np.zeros(N, dtype=complex)
    b[0] = 1
    labels = solver.ados.labels
    low = [k for k, l in enumerate(labels) if sum(l) <= 2]
    high = [k for k, l in enumerate(labels) if sum(l) > 2]
    li = np.concatenate([np.arange(k * m, (k + 1) * m) for k in low])
    lu = spla.splu(A[li][:, li].tocsc(), permc_spec='MMD_AT_PLUS_A')
    if high:
        hi = np.concatenate([np.arange(k * m, (k + 1) * m) for k in high])
        inv = np.linalg.inv(np.array([A[k * m:(k + 1) * m, k * m:(k + 1) * m].toarray() for k in high]))

    def precondition(v):
        out = np.empty_like(v)
        out[li] = lu.solve(v[li])
        if high:
            out[hi] = np.einsum('kij,kj->ki', inv, v[hi].reshape(len(high), m)).reshape(-1)
        return out

    M = spla.LinearOperator((N, N), matvec=precondition, dtype=complex)
    if not high:
        x = precondition(b)
    else:
        x, info = spla.gmres(A, b, x0=precondition(b), M=M, tol=1e-13, atol=0, restart=100, maxiter=50)
        if info != 0:
            x = spla.splu(A.tocsc(), permc_spec='MMD_AT_PLUS_A').solve(b)  # the slow, sure way
    residual = float(np.linalg.norm(A @ x - b))
    # vec is column-stacking per ADO (QuTiP's operator_to_vector): ADO k is x[k*m:(k+1)*m].reshape(n, n).T
    ados = x.reshape(len(labels), n, n).transpose(0, 2, 1)
    return ados, residual


def heom_point(p, depth, nk):
    t0 = time.perf_counter()
    H, Q1, Q2 = system(p)
    q = lambda M: qutip.Qobj(M, dims=DIMS)
    bh = DrudeLorentzPadeBath(q(Q1), p['lam'], p['gam'], p['Th'], nk, tag='h')
    bc = DrudeLorentzPadeBath(q(Q2), p['lam'], p['gam'], p['Tc'], nk, tag='c')
    solver = HEOMSolver(q(H), [bh, bc], max_depth=depth)
    ados, residual = solve_steady(solver)
    labels = solver.ados.labels
    rho = ados[labels.index(tuple([0] * len(labels[0])))]
    rho = 0.5 * (rho + rho.conj().T)
    currents = {}
    for tag, Q in (('h', Q1), ('c', Q2)):
        X = np.zeros_like(H)
        for k, e in enumerate(solver.ados.exponents):
            if e.tag == tag:
                label = [0] * len(labels[0])
                label[k] = 1
                X = X + ados[labels.index(tuple(label))]
        D = -1j * (Q @ X - X @ Q)
        currents[tag] = complex(np.trace(H @ D))
    # <sigma1+ sigma2-> = Tr(|eg><ge| rho) = <ge|rho|eg>
    coherence = complex(np.trace(S1P @ S2P.conj().T @ rho))
    worst_S, worst_odd = bath_check([(bh, p['Th']), (bc, p['Tc'])], p, H)
    return {
        'depth': depth, 'Nk': nk, 'ados': len(labels), 'unknowns': len(labels) * H.size,
        'J_h': currents['h'].real, 'J_c': currents['c'].real,
        'imagParts': max(abs(currents['h'].imag), abs(currents['c'].imag)),
        'coherence': coherence,
        'trace': float(np.trace(rho).real), 'minEigenvalue': float(np.linalg.eigvalsh(rho)[0]),
        'residual': residual, 'spectrumDeviation': worst_S, 'oddSpectrumDeviation': worst_odd,
        'seconds': time.perf_counter() - t0,
    }


def relative_change(a, b):
    return {
        'J_h': abs(b['J_h'] - a['J_h']) / abs(a['J_h']),
        'coherence': abs(b['coherence'] - a['coherence']) / abs(a['coherence']),
    }


def converged_point(p, tol, depth0, nk0, max_depth, max_nk):
    """Raise depth and Nk until raising either by one changes J_h and <s1+ s2-> by < tol (relative)."""
    cache = {}

    def at(d, k):
        if (d, k) not in cache:
            cache[(d, k)] = heom_point(p, d, k)
        return cache[(d, k)]

    d, k = depth0, nk0
    while True:
        base = at(d, k)
        up_d = relative_change(base, at(d + 1, k))
        up_k = relative_change(base, at(d, k + 1))
        bad_d = max(up_d.values()) >= tol
        bad_k = max(up_k.values()) >= tol
        if not bad_d and not bad_k:
            break
        if (bad_d and d + 1 > max_depth) or (bad_k and k + 1 > max_nk):
            raise SystemExit(f'J12 = {p["J12"]}: not converged to {tol} within depth {max_depth}, Nk {max_nk}')
        d += bad_d
        k += bad_k
    history = [dict(v, coherence={'re': v['coherence'].real, 'im': v['coherence'].imag}) for _, v in sorted(cache.items())]
    return {
        'J12': p['J12'],
        'J_h': base['J_h'], 'J_c': base['J_c'],
        'coherence': {'re': base['coherence'].real, 'im': base['coherence'].imag},
        'depth': d, 'Nk': k, 'ados': base['ados'], 'unknowns': base['unknowns'],
        'balance': abs(base['J_h'] + base['J_c']) / abs(base['J_h']),
        'trace': base['trace'], 'minEigenvalue': base['minEigenvalue'], 'residual': base['residual'],
        'spectrumDeviation': base['spectrumDeviation'], 'oddSpectrumDeviation': base['oddSpectrumDeviation'],
        'convergence': {
            'raiseDepth': dict(up_d, depth=d + 1, Nk=k),
            'raiseNk': dict(up_k, depth=d, Nk=k + 1),
            'history': history,
        },
        'seconds': sum(v['seconds'] for v in cache.values()),
    }


def main():
    ap = argparse.ArgumentParser(description='HEOM steady states of the Kato–Tanimura model (QuTiP 4.7).')
    ap.add_argument('--points', type=int, default=10, help='log-spaced J12 points in [J12min, J12max] (default 10)')
    ap.add_argument('--J12', help='comma-separated J12 values instead of --points')
    ap.add_argument('--range', default='0.01,1', help='J12min,J12max for --points (default 0.01,1)')
    ap.add_argument('--set', action='append', default=[], help='name=value: override a model parameter default')
    ap.add_argument('--tol', type=float, default=1e-4, help='relative convergence tolerance (default 1e-4)')
    ap.add_argument('--start', default='2,1', help='starting depth,Nk (default 2,1)')
    ap.add_argument('--max', default='8,8', help='largest depth,Nk tried (default 8,8)')
    ap.add_argument('--scaling', action='store_true', help='also the lam-scaling series at J12 = --scaling-J12')
    ap.add_argument('--scaling-J12', type=float, default=0.1)
    ap.add_argument('--scaling-lam', default='0.0025,0.005,0.01,0.02')
    ap.add_argument('--out', help='write the JSON here (default stdout)')
    args = ap.parse_args()

    _, p = load_model()
    for s in args.set:
        name, _, value = s.partition('=')
        if name not in p:
            raise SystemExit(f'--set {s}: the model has no parameter {name!r}')
        p[name] = float(value)
    if args.J12:
        grid = [float(x) for x in args.J12.split(',')]
    else:
        lo, hi = (float(x) for x in args.range.split(','))
        grid = [float(x) for x in np.geomspace(lo, hi, args.points)]
    depth0, nk0 = (int(x) for x in args.start.split(','))
    max_depth, max_nk = (int(x) for x in args.max.split(','))

    t0 = time.perf_counter()
    points = [converged_point(dict(p, J12=j), args.tol, depth0, nk0, max_depth, max_nk) for j in grid]
    out = {
        'description': 'HEOM (hierarchical equations of motion) steady states of the Kato–Tanimura model: heat '
                       'current from the hot bath and the site coherence <sigma1+ sigma2->, converged in hierarchy '
                       'depth and Padé exponents; the exact reference for bornmarkov\'s master equations (issue 10)',
        'command': ' '.join(['/usr/bin/python3', os.path.relpath(os.path.abspath(__file__), REPO)] + sys.argv[1:]),
        'software': {'qutip': qutip.__version__, 'numpy': np.__version__, 'scipy': scipy.__version__,
                     'python': platform.python_version()},
        'model': MODEL,
        'parameters': {k: v for k, v in p.items() if k != 'J12'},
        'tolerance': args.tol,
        'conventions': {
            'hamiltonian': 'H_S = eps (s1+ s1- + s2+ s2-) + J12 (s1+ s2- + s1- s2+), s+ = |e><g|; bare basis |ee>, |eg>, |ge>, |gg>',
            'coupling': 'H_SB = sigma^x_1 (x) B_h + sigma^x_2 (x) B_c, B = sum_q g_q (b_q + b_q^+)',
            'spectralDensity': 'J(w) = pi sum_q g_q^2 delta(w - w_q) = 2 lam gam w/(w^2 + gam^2) (the model file)',
            'qutipBath': 'DrudeLorentzPadeBath(Q, lam=lam, gamma=gam, T=T_alpha, Nk): same J, C(t) = (1/pi) int J(w)[coth(w/2T) cos wt - i sin wt] dw',
            'mappingCheck': 'spectrumDeviation: max relative |S_expansion(w) - 2J(w)(N(w)+1)| over +-Bohr frequencies (Padé truncation error); oddSpectrumDeviation: the same for S(w) - S(-w) = 2J(w) (exact)',
            'heatCurrent': 'J_alpha = Tr[H_S D_alpha], D_alpha = -i sum_{k in alpha} [Q_alpha, rho_{e_k}] (first-tier ADOs); positive into the system',
            'coherence': '<sigma1+ sigma2-> = Tr(|eg><ge| rho) = <ge|rho|eg> (bare basis)',
            'convergence': 'values at (depth, Nk); raiseDepth / raiseNk give the relative changes of J_h and |delta coherence|/|coherence| when each is raised by one; both < tolerance',
            'bornmarkov': 'the non-secular Redfield steady state (derivations/generated/kato-tanimura.nonsecular.ts): currents J_alpha = Tr[H_S D_alpha(rho)], coherence rhoBare[2][1]',
        },
        'points': points,
    }
    if args.scaling:
        series = []
        for lam in (float(x) for x in args.scaling_lam.split(',')):
            series.append(dict(converged_point(dict(p, J12=args.scaling_J12, lam=lam), args.tol, depth0, nk0, max_depth, max_nk), lam=lam))
        out['lamScaling'] = {'J12': args.scaling_J12, 'points': series}
    out['seconds'] = time.perf_counter() - t0
    text = json.dumps(out, indent=1)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')
    else:
        print(text)


if __name__ == '__main__':
    main()
