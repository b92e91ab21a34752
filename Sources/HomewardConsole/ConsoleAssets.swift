/// The console's one stylesheet and one script, served from memory: no build
/// step, no third-party code. The script is progressive: every page works as
/// plain forms and links; it adds live updates and keyboard shortcuts.
enum ConsoleAssets {
    static let css = """
    :root{--ink:#1b2430;--muted:#5b6776;--line:#d5dbe3;--urgent:#c62828;--review:#1565c0;--ok:#2e7d32;--bg:#f6f8fa}
    *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--ink);background:var(--bg)}
    nav{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;padding:.5em 1em;background:#fff;border-bottom:1px solid var(--line)}
    nav a{color:var(--review);text-decoration:none}nav a:focus,a:focus,button:focus,select:focus,input:focus,textarea:focus{outline:3px solid #ffb300;outline-offset:1px}
    .who{margin-left:auto;color:var(--muted)}.inline{display:inline}main{padding:1em;max-width:1200px;margin:0 auto}
    h1{font-size:1.3em;margin:.2em 0 .6em}h2{font-size:1.05em}
    .health{background:#fff;border:1px solid var(--line);padding:.4em .8em;border-radius:6px;font-size:.9em}
    .health .bad{color:var(--urgent);font-weight:600}.filters{display:flex;flex-wrap:wrap;gap:1em;margin:.6em 0;align-items:center}
    .live{color:var(--muted);font-size:.85em}.live.on{color:var(--ok)}
    .mapwrap{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:1em}
    @media (max-width:800px){.mapwrap{grid-template-columns:1fr}.photos{flex-direction:column}}
    #map{width:100%;height:auto;background:#e8eef5;border:1px solid var(--line);border-radius:6px}
    .prov{fill:#fff;stroke:#8a97a8;stroke-width:.7}.prov.mine{fill:#fff8e1}
    .dot circle{fill:var(--review);fill-opacity:.85;stroke:#fff;stroke-width:1.5}
    .dot.urgent circle{fill:var(--urgent);animation:pulse 1.2s ease-in-out 3}
    .dot.confirmed circle{fill:var(--ok)}.dot.rejected circle,.dot.closed circle{fill:#9e9e9e}
    .dot.new circle{stroke:#ffb300;stroke-width:3}
    @keyframes pulse{50%{stroke-width:6;stroke:#ff8a80}}
    .feed{list-style:none;margin:0;padding:0;max-height:70vh;overflow:auto;font-size:.9em}
    .feed li{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.35em .5em;margin-bottom:.35em}
    .tag{display:inline-block;font-size:.75em;font-weight:700;padding:.05em .45em;border-radius:4px;color:#fff}
    .tag.urgent{background:var(--urgent)}.tag.review{background:var(--review)}
    table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}
    #queue-wrap{overflow-x:auto}.photos{display:flex;gap:1em;align-items:flex-start}
    figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5em;flex:1}
    figure img{max-width:100%;max-height:320px;display:block;margin:.3em 0}
    .photo-box{position:relative;display:inline-block}.photo-box img{margin:0}
    .facebox{position:absolute;left:0;top:0;width:100%;height:100%}.facebox rect{fill:none;stroke:#ffb300;stroke-width:2;vector-effect:non-scaling-stroke}
    .facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1em;margin:1em 0}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em .8em;margin:0}dt{color:var(--muted)}dd{margin:0}
    .minimap{width:100%;max-height:220px;background:#e8eef5;border:1px solid var(--line);border-radius:6px}
    .minimap .prov{stroke-width:.4}.seen{fill:var(--urgent);color:var(--urgent)}.lastseen{fill:var(--review);color:var(--review)}
    .link{stroke:#333;stroke-dasharray:3 2;stroke-width:1}.legend{font-size:.85em}
    .decision{font-weight:700;padding:.4em .6em;border-radius:6px;background:#fff;border:1px solid var(--line);display:inline-block}
    .decide{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-end;background:#fff;padding:.8em;border:1px solid var(--line);border-radius:6px}
    .decide textarea{flex:1 1 100%}.decide label{flex:1 1 100%}
    button{font:inherit;padding:.45em 1em;border-radius:6px;border:1px solid #7a8899;background:#fff;cursor:pointer;min-height:2.4em}
    #confirm{background:var(--ok);color:#fff;border-color:var(--ok)}#reject{background:var(--urgent);color:#fff;border-color:var(--urgent)}
    .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1em;margin-bottom:1em}
    .card label{display:block;margin:.4em 0}.card input,.card select,.card textarea{display:block;width:100%;max-width:28em;font:inherit;padding:.35em}
    .narrow{max-width:24em}.error{color:var(--urgent);font-weight:600}.notice{color:var(--ok);font-weight:600}
    .nophoto,.hint,.empty{color:var(--muted)}.candidates .current{font-weight:700}
    """

    static let js = """
    "use strict";
    (function(){
    const body=document.body, page=body.dataset.page;
    const esc=s=>String(s).replace(/[&<>"']/g,c=>({"&":"&amp;","<":"&lt;",">":"&gt;",'"':"&quot;","'":"&#39;"}[c]));
    function live(onEvent){
      const badge=document.getElementById("live");
      // The first connection starts after what the page already shows; a
      // reconnect sends Last-Event-ID itself, which the server prefers.
      const es=new EventSource("/events"+(body.dataset.lastEvent?"?last="+encodeURIComponent(body.dataset.lastEvent):""));
      es.onopen=()=>{if(badge){badge.textContent="实时 live";badge.classList.add("on");}};
      es.onerror=()=>{if(badge){badge.textContent="重连中 reconnecting…";badge.classList.remove("on");}};
      es.onmessage=m=>{try{onEvent(JSON.parse(m.data));}catch(e){}};
      return es;
    }
    function health(){
      const el=document.getElementById("health"); if(!el) return;
      fetch("/api/status",{credentials:"same-origin"}).then(r=>r.json()).then(s=>{
        const down=s.workers.filter(w=>w.state!=="READY").length;
        el.innerHTML="工作节点 Workers "+s.workers.length+(down?" <span class=bad>("+down+" 异常 not ready)</span>":"")+
          " · 分片 Shards "+s.shards+" · 队列 Queues: 接收 intake "+s.intake+", 紧急 urgent "+s.urgent+", 批量 bulk "+s.bulk+
          " · 未结案件 Open cases "+s.openCases+" · 警报 Alerts "+s.alerts;
      }).catch(()=>{el.innerHTML="<span class=bad>协调器不可达 Coordinator unreachable</span>";});
    }
    function provinceName(code){ const t=document.querySelector('path[data-code="'+code+'"] title'); return t?t.textContent:(code==="000000"?"全国 National":code); }
    function stateText(a){ if(a.decision) return a.decision.confirmed?"已确认 confirmed":"已否决 rejected"; return a.caseClosed?"已结案 closed":"待审 pending"; }
    function applyFilters(){
      const p=document.getElementById("f-province").value, t=document.getElementById("f-tier").value;
      document.querySelectorAll("[data-alert][data-provinces]").forEach(el=>{
        const ok=(!p||el.dataset.provinces.split(" ").includes(p))&&(!t||el.dataset.tier===t);
        el.style.display=ok?"":"none";
      });
    }
    if(page==="map"){
      const k={minLon:+body.dataset.minLon,maxLat:+body.dataset.maxLat,scale:+body.dataset.scale,f:+body.dataset.lonFactor};
      const dots=document.getElementById("dots"), feed=document.getElementById("feed"), ns="http://www.w3.org/2000/svg";
      document.getElementById("f-province").onchange=applyFilters; document.getElementById("f-tier").onchange=applyFilters;
      live(ev=>{
        const a=ev.alert, tier=a.urgent?"urgent":"review", cls="dot"+(a.urgent?" urgent":"")+(a.decision?(a.decision.confirmed?" confirmed":" rejected"):(a.caseClosed?" closed":""));
        let dot=dots.querySelector('[data-alert="'+a.alertID+'"]');
        if(!dot){
          dot=document.createElementNS(ns,"a"); dot.setAttribute("href","/alerts/"+a.alertID);
          const c=document.createElementNS(ns,"circle");
          c.setAttribute("cx",((a.lon-k.minLon)*k.f*k.scale).toFixed(1)); c.setAttribute("cy",((k.maxLat-a.lat)*k.scale).toFixed(1));
          c.setAttribute("r",a.urgent?9:6); const t=document.createElementNS(ns,"title"); t.textContent=a.alertID; c.appendChild(t);
          dot.appendChild(c); dots.appendChild(dot);
        }
        dot.setAttribute("class",cls+(ev.kind==="alert"?" new":"")); dot.dataset.alert=a.alertID; dot.dataset.provinces=a.provinces.join(" "); dot.dataset.tier=tier;
        let li=feed.querySelector('li[data-alert="'+a.alertID+'"]');
        if(!li){ li=document.createElement("li"); feed.prepend(li); }
        li.dataset.alert=a.alertID; li.dataset.provinces=a.provinces.join(" "); li.dataset.tier=tier;
        li.innerHTML=(a.urgent?'<span class="tag urgent">紧急 URGENT</span>':'<span class="tag review">复核 review</span>')+
          ' <a href="/alerts/'+esc(a.alertID)+'">'+esc(a.alertID)+'</a> '+esc(a.provinces.map(provinceName).join(", "))+" · "+Math.round(a.distanceKm)+' km · <span class="state">'+stateText(a)+"</span>";
        applyFilters();
      });
      health(); setInterval(health,5000);
    }
    if(page==="queue"){
      let pending=null;
      const reload=()=>{ pending=null; fetch("/queue?fragment=1",{credentials:"same-origin"}).then(r=>r.text()).then(h=>{document.getElementById("queue-wrap").innerHTML=h;}); };
      live(()=>{ if(!pending) pending=setTimeout(reload,150); });
    }
    if(page==="review"){
      const id=body.dataset.alert, state=document.getElementById("decision-state"), form=document.getElementById("decide");
      live(ev=>{
        if(ev.alert.alertID!==id||ev.kind==="alert"||ev.kind==="reopened") return;
        state.textContent=ev.alert.decision?(ev.alert.decision.confirmed?"已确认 Confirmed by ":"已否决 Rejected by ")+ev.alert.decision.reviewer:"案件已结 Case closed";
        if(form) form.remove();
      });
      document.addEventListener("keydown",e=>{
        if(!form||e.target.tagName==="TEXTAREA"||e.target.tagName==="INPUT"||e.ctrlKey||e.metaKey||e.altKey) return;
        if(e.key==="c"){ e.preventDefault(); document.getElementById("confirm").click(); }
        if(e.key==="r"){ e.preventDefault(); const r=document.getElementById("reason"); if(r.value.trim()) document.getElementById("reject").click(); else r.focus(); }
      });
    }
    })();
    """
}
