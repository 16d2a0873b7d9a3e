// jload's own floor in Groovy for bench/http/run.sh (JLOAD_SCRIPT=bench/http/minimal-post.groovy): the POST of
// minimal-post.js, with no payload building and no check.
options {
    scenario('ingest') {
        executor 'shared-iterations'
        vus Integer.parseInt(env.CONCURRENCY)
        iterations Integer.parseInt(env.MESSAGES)
        maxDuration '10m'
    }
}

def url = "${env.TARGET_HTTP}/ingest".toString()
def body = '{"user_id":4242,"channel_id":42,"content":"load test message 123456 k3j5h6g7f8d9"}'
def params = [headers: ['Content-Type': 'application/json']]

iteration { http.post(url, body, params) }
