# Writes random PromQL expressions from the grammar, one a line ("⏎" for a line break), for the
# generated section of promql-corpus.txt: python3 generate-corpus.py SEED COUNT. Only the lines that
# both Prometheus 2.42 and the portal's parser accept were kept in the corpus.
import random, sys
R = random.Random(int(sys.argv[1])); N = int(sys.argv[2])
V='V'; M='M'; S='S'; T='T'
FUN = {"abs":[V],"absent":[V],"absent_over_time":[M],"ceil":[V],"changes":[M],"clamp":[V,S,S],"clamp_max":[V,S],"clamp_min":[V,S],
 "count_over_time":[M],"days_in_month":[V],"day_of_week":[V],"delta":[M],"deriv":[M],"exp":[V],"floor":[V],"histogram_quantile":[S,V],
 "histogram_fraction":[S,S,V],"holt_winters":[M,S,S],"hour":[V],"idelta":[M],"increase":[M],"irate":[M],"label_replace":[V,T,T,T,T],
 "label_join":[V,T,T,T,T],"last_over_time":[M],"ln":[V],"max_over_time":[M],"min_over_time":[M],"predict_linear":[M,S],"present_over_time":[M],
 "quantile_over_time":[S,M],"rate":[M],"resets":[M],"round":[V,S],"sgn":[V],"sort_desc":[V],"sqrt":[V],"stddev_over_time":[M],"sum_over_time":[M],
 "timestamp":[V],"vector":[S],"year":[V],"avg_over_time":[M],"deg":[V],"sort":[V]}
NOARG = ["time()","pi()","year()","minute()","month()"]
METRICS=["up","http_requests_total","node_cpu_seconds_total","job:rate5m:sum","process_resident_memory_bytes","foo","bar_bucket","on","by","offset","bool","sum_x","nan","inf"]
LABELS=["job","instance","code","le","mode","a","Z","_x","b2","__name__","group_left","on"]
NUMS=["0","1","-1","0.5",".5","5.","1e3","1E3","1e-3","2.5e+2","0x1F","0X1f","0755","00","1e21","1e20","123456","1234567","0.0001","0.00001","1e-7",
      "Inf","+Inf","-Inf","NaN","nan","inf","100.0","12345678901234567890","3.14159","1e308","4.9e-324","0.1","99.99","2","16","256","65536","1000000"]
DURS=["1s","30s","90s","1m","1m30s","5m","10m","1h","1h30m","90m","2h","1d","7d","1w","2w","1y","365d","500ms","1500ms","1h2m3s4ms","60s","3600s","24h","0s"]
STRS=['"a"',"'b'",'`c\\d`','"with \\"quote\\""','"tab\\there"','"nl\\n"','"é"','"\\u00e9"','"日本"','""','"$1"','"(.*)"','"\\\\"',"'it\\'s'",'"\\x41"','"\\101"','"\\u00a0"']
REGEX=['".+"','"a|b"','"5.."','"x.*"','"^(a|b)$"','"[0-9]+"','"\\\\d+"','"foo\\\\.bar"','""']
WS=[" "," ","  ","\n","\t"," # c\n"]
def ws(): return R.choice(WS) if R.random()<0.15 else (" " if R.random()<0.6 else "")
def labels(k=None):
    k = R.randint(0,3) if k is None else k
    return ", ".join(R.sample([l for l in LABELS if l!="__name__"], k))
def matcher():
    l=R.choice(LABELS); op=R.choice(["=","!=","=~","!~"])
    if l=="__name__": l="job"
    v = R.choice(REGEX) if "~" in op else R.choice(STRS[:12]+['"x"','"prometheus"'])
    return f"{l}{ws()}{op}{ws()}{v}"
def selector():
    r=R.random()
    if r<0.15:
        ms=[f'__name__{R.choice(["=","=~"])}"{R.choice(["up","foo","x.+"])}"']+[matcher() for _ in range(R.randint(0,2))]
        R.shuffle(ms); return "{"+", ".join(ms)+"}"
    name=R.choice(METRICS)
    if R.random()<0.5: return name
    ms=[matcher() for _ in range(R.randint(0,4))]
    trail = "," if ms and R.random()<0.1 else ""
    return name+"{"+",".join(ms)+trail+"}"
def mods(allow_at=True):
    s=""; parts=[]
    if R.random()<0.25: parts.append(f" offset {R.choice(['','-'])}{R.choice(DURS[:-1])}")
    if allow_at and R.random()<0.15: parts.append(" @ "+R.choice(["start()","end()","100","1609746000","1.5","-5","1e3","0.0005","1.2345","3.9999"]))
    R.shuffle(parts); return "".join(parts)
def gen(t, d=0):
    if t==S:
        c=R.random()
        if d>3 or c<0.55: return R.choice(NUMS)
        if c<0.65: return R.choice(NOARG)
        if c<0.75: return f"scalar({gen(V,d+1)})"
        if c<0.85: return f"({gen(S,d+1)})"
        if c<0.92: return "-"+R.choice(["(","("])+gen(S,d+1)+")"
        op=R.choice(["+","-","*","/","%","^","atan2"," == bool"," > bool"," <= bool"])
        return f"{gen(S,d+1)} {op.strip() if op.strip()!='atan2' else 'atan2'} {gen(S,d+1)}" if "bool" not in op else f"{gen(S,d+1)}{op} {gen(S,d+1)}"
    if t==T: return R.choice(STRS)
    if t==M:
        c=R.random()
        if d>3 or c<0.7: return selector()+"["+R.choice(DURS[:-1])+"]"+mods()
        step = R.choice(["",R.choice(DURS[:-1])])
        return f"{gen(V,d+1)}[{R.choice(DURS[:-1])}:{step}]"+mods()
    c=R.random()
    if d>4 or c<0.25: return selector()+mods()
    if c<0.45:
        f=R.choice(list(FUN)); args=FUN[f]
        if f=="label_join": args=args[:R.randint(3,5)]
        return f+"("+", ".join(gen(a,d+1) for a in args)+")"
    if c<0.62:
        op=R.choice(["sum","avg","min","max","count","group","stddev","stdvar","topk","bottomk","quantile","count_values"])
        arg=gen(V,d+1)
        if op in ("topk","bottomk"): arg=R.choice(["1","5","3"])+", "+arg
        elif op=="quantile": arg=R.choice(["0.9","0.5",".99"])+", "+arg
        elif op=="count_values": arg=R.choice(['"v"',"'x'"])+", "+arg
        g=""
        if R.random()<0.6:
            g=f"{R.choice(['by','without','BY','Without'])}{ws()}({labels()})"
        if g and R.random()<0.5: return f"{op}{ws()}({arg}){ws()}{g}"
        return f"{op}{ws()}{g}{ws()}({arg})" if g else f"{op}({arg})"
    if c<0.85:
        op=R.choice(["+","-","*","/","%","^","==","!=",">","<",">=","<=","and","or","unless","atan2"])
        lhs=gen(V,d+1); rhs=gen(R.choice([V,V,S]),d+1)
        if R.random()<0.3: lhs,rhs=gen(S,d+1),gen(V,d+1)
        mod=""
        comp= op in ("==","!=",">","<",">=","<=")
        if comp and R.random()<0.3: mod+=" bool"
        vv = not lhs[:1].isdigit()
        if R.random()<0.35 and not any(x in rhs for x in []) :
            kw=R.choice(["on","ignoring","ON","Ignoring"])
            mod+=f" {kw}{ws()}({labels(R.randint(0,2))})"
            if op not in ("and","or","unless") and R.random()<0.4:
                mod+=f" {R.choice(['group_left','group_right'])}"
                if R.random()<0.6: mod+=f"({labels(R.randint(0,2))})"
        return f"{lhs}{ws()}{op}{mod}{ws()}{rhs}"
    if c<0.92: return f"({gen(V,d+1)})"
    return R.choice(["-","+","- ","-("])+(gen(V,d+1)+")" if False else gen(V,d+1))
out=set()
while len(out)<N:
    e=gen(R.choice([V,V,V,S]))
    if len(e)<400: out.add(e)
for e in sorted(out): print(e.replace("\n","⏎"))
