// The functions the Blazor components call (index.js, through the built bundle), run in jsdom: no browser. jsdom has
// no SVG geometry, so the few calls bpmn-js makes for it are stubbed with fixed sizes; what is checked is the model
// and the XML, not the drawing. Run with `npm test`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';

let bpmn;
let dom;

function installDom() {
  dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const w = dom.window;
  for (const name of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'SVGElement', 'Event', 'KeyboardEvent', 'MouseEvent', 'getComputedStyle', 'requestAnimationFrame', 'DOMParser', 'XMLSerializer']) {
    Object.defineProperty(globalThis, name, { value: w[name], configurable: true, writable: true });
  }
  function SVGMatrix() {}
  const matrix = () => Object.assign(Object.create(SVGMatrix.prototype), {
    a: 1, b: 0, c: 0, d: 1, e: 0, f: 0,
    translate() { return this; }, scale() { return this; }, multiply() { return this; }, inverse() { return this; }, rotate() { return this; },
  });
  globalThis.SVGMatrix = w.SVGMatrix = SVGMatrix;
  globalThis.CSS = w.CSS = { escape: s => String(s).replace(/([^a-zA-Z0-9_-])/g, '\\$1') };
  const svg = w.SVGElement.prototype;
  Object.defineProperty(svg, 'transform', {
    get() {
      if (!this.ktpTransforms) {
        const items = [];
        this.ktpTransforms = { baseVal: {
          get numberOfItems() { return items.length; },
          consolidate() { return items[0] || null; },
          initialize(t) { items.length = 0; items.push(t); return t; },
          appendItem(t) { items.push(t); return t; },
          clear() { items.length = 0; },
          getItem(i) { return items[i]; },
        } };
      }
      return this.ktpTransforms;
    },
  });
  svg.getBBox = () => ({ x: 0, y: 0, width: 50, height: 14 });
  svg.getComputedTextLength = () => 50;
  svg.getScreenCTM = matrix;
  svg.getCTM = matrix;
  svg.createSVGMatrix = matrix;
  svg.createSVGTransform = () => ({ matrix: matrix(), setMatrix(m) { this.matrix = m; }, setTranslate() {}, setScale() {}, setRotate() {} });
  svg.createSVGTransformFromMatrix = m => ({ matrix: m, setMatrix() {} });
  w.HTMLCanvasElement.prototype.getContext = () => ({ measureText: t => ({ width: String(t).length * 7 }), font: '' });
}

function container() {
  const div = document.createElement('div');
  document.body.appendChild(div);
  return div;
}

function recorder() {
  const calls = [];
  return { calls, invokeMethodAsync: (method, ...args) => { calls.push({ method, args }); return Promise.resolve(); } };
}

const diagram = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ktp="https://ktp.dev/bpmn" id="defs" targetNamespace="https://ktp.dev/test">
  <bpmn:process id="order" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="check" name="Check" ktp:queue="orders" />
    <bpmn:serviceTask id="provision" ktp:endpoint="https://provisioning.local/lines" ktp:retries="2" />
    <bpmn:exclusiveGateway id="big" />
    <bpmn:sequenceFlow id="small" sourceRef="big" targetRef="check" />
    <bpmn:sequenceFlow id="large" sourceRef="big" targetRef="pause">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{"&gt;":[{"var":"lines"},10]}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:intermediateCatchEvent id="pause"><bpmn:timerEventDefinition id="pauseTimer" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition id="paidMessage" /></bpmn:intermediateCatchEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="order">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="check_di" bpmnElement="check"><dc:Bounds x="200" y="80" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="provision_di" bpmnElement="provision"><dc:Bounds x="200" y="300" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="big_di" bpmnElement="big"><dc:Bounds x="350" y="95" width="50" height="50" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="pause_di" bpmnElement="pause"><dc:Bounds x="450" y="200" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="paid_di" bpmnElement="paid"><dc:Bounds x="550" y="200" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="small_di" bpmnElement="small"><di:waypoint x="375" y="95" /><di:waypoint x="250" y="80" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="large_di" bpmnElement="large"><di:waypoint x="375" y="145" /><di:waypoint x="468" y="200" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

before(async () => {
  installDom();
  bpmn = await import(new URL('../../../wwwroot/lib/bpmn/bpmn-modeler.js', import.meta.url));
});

test('an empty diagram opens as a new executable process with one start event', async () => {
  const { handle, error } = await bpmn.create(container(), '', recorder(), 'Canvas');
  assert.equal(error, null);
  const xml = await bpmn.getXml(handle);
  assert.match(xml, /<bpmn:process id="Process_[a-z0-9]+" isExecutable="true">/);
  assert.match(xml, /<bpmn:startEvent id="StartEvent_1" \/>/);
  bpmn.destroy(handle);
});

test('the canvas is named and focusable; a diagram that is not BPMN is reported, not thrown', async () => {
  const div = container();
  const { handle } = await bpmn.create(div, diagram, recorder(), 'BPMN diagram');
  const svg = div.querySelector('svg');
  assert.equal(svg.getAttribute('aria-label'), 'BPMN diagram');
  assert.equal(svg.getAttribute('tabindex'), '0');
  const refused = await bpmn.importXml(handle, '<nope/>');
  assert.match(refused.error, /failed to parse/);
  bpmn.destroy(handle);
  bpmn.destroy(handle);
  assert.equal(div.querySelector('svg'), null);
});

test('the selected element is described with the attributes the engine reads', async () => {
  const dotnet = recorder();
  const { handle } = await bpmn.create(container(), diagram, dotnet, 'x');
  assert.equal(bpmn.select(handle, 'nothing'), false);
  assert.ok(bpmn.select(handle, 'check'));
  assert.deepEqual(
    Object.fromEntries(Object.entries(bpmn.getSelected(handle)).filter(([, v]) => v !== null && v !== false)),
    { id: 'check', type: 'UserTask', kind: 'userTask', name: 'Check', queue: 'orders' });
  const told = dotnet.calls.filter(c => c.method === 'OnSelectionChanged').at(-1);
  assert.equal(told.args[0].id, 'check');
  bpmn.select(handle, 'provision');
  assert.equal(bpmn.getSelected(handle).retries, '2');
  bpmn.select(handle, 'large');
  assert.equal(bpmn.getSelected(handle).fromGateway, true);
  assert.equal(bpmn.getSelected(handle).condition, '{">":[{"var":"lines"},10]}');
  bpmn.select(handle, 'pause');
  assert.equal(bpmn.getSelected(handle).kind, 'timerCatchEvent');
  bpmn.select(handle, 'paid');
  assert.equal(bpmn.getSelected(handle).kind, 'messageCatchEvent');
  bpmn.destroy(handle);
});

test('edits reach the XML, each is one change told to .NET, and each undoes in one step', async () => {
  const dotnet = recorder();
  const div = container();
  const { handle } = await bpmn.create(div, diagram, dotnet, 'x');
  const changes = () => dotnet.calls.filter(c => c.method === 'OnDiagramChanged').length;
  assert.equal(changes(), 0, 'opening is no change');

  bpmn.setProperty(handle, 'check', 'ktp:candidateRole', 'dispatcher');
  bpmn.setProperties(handle, 'check', { name: 'Check order', 'ktp:queue': '', 'ktp:due': 'PT4H', 'ktp:form': 'order-check' });
  bpmn.setProperty(handle, 'provision', 'ktp:retries', '5');
  bpmn.setCondition(handle, 'small', '{"<":[1,2]}');
  bpmn.setDefaultFlow(handle, 'small', true);
  bpmn.setTimer(handle, 'pause', 'cycle', 'R3/PT1H');
  bpmn.setMessage(handle, 'paid', 'payment-received');
  bpmn.setProperty(handle, 'paid', 'ktp:correlationKey', 'orderId');
  assert.equal(changes(), 8);

  const xml = await bpmn.getXml(handle);
  assert.match(xml, /<bpmn:userTask id="check" name="Check order" ktp:candidateRole="dispatcher" ktp:due="PT4H" ktp:form="order-check"/);
  assert.ok(!xml.includes('ktp:queue'), 'an emptied attribute is removed');
  assert.match(xml, /ktp:retries="5"/);
  assert.match(xml, /<bpmn:exclusiveGateway id="big" default="small"/);
  assert.match(xml, /<bpmn:sequenceFlow id="small" sourceRef="big" targetRef="check" \/>/, 'the default flow lost its condition');
  assert.match(xml, /<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3\/PT1H<\/bpmn:timeCycle>/);
  assert.match(xml, /<bpmn:intermediateCatchEvent id="paid" ktp:correlationKey="orderId">\s*<bpmn:messageEventDefinition id="paidMessage" messageRef="(Message_\w+)" \/>/);
  const messageId = /messageRef="(Message_\w+)"/.exec(xml)[1];
  assert.match(xml, new RegExp(`<bpmn:message id="${messageId}" name="payment-received" />`));
  assert.equal(bpmn.getSelected(handle), null);

  bpmn.select(handle, 'pause');
  bpmn.setTimer(handle, 'pause', 'date', '2026-01-01T09:00:00Z');
  assert.deepEqual([bpmn.getSelected(handle).timerKind, bpmn.getSelected(handle).timerValue], ['date', '2026-01-01T09:00:00Z']);
  bpmn.setDefaultFlow(handle, 'small', false);
  assert.ok(!(await bpmn.getXml(handle)).includes('default="small"'));

  // Ctrl+Z on the canvas (the keyboard is bound to it) takes back one edit at a time; a new message and its
  // reference are one edit.
  const undo = () => div.querySelector('svg').dispatchEvent(new window.KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
  undo();
  assert.match(await bpmn.getXml(handle), /default="small"/);
  undo();
  undo();
  undo();
  const before = await bpmn.getXml(handle);
  assert.match(before, /R3\/PT1H/);
  assert.ok(!before.includes('ktp:correlationKey'));
  assert.ok(!before.includes('<bpmn:message ') && !before.includes('messageRef'), 'the message and its reference went in one step');
  bpmn.destroy(handle);
});

test('the viewer marks the path, the active nodes and the incidents, and replaces the markers', async () => {
  const div = container();
  const viewer = await bpmn.createViewer(div, diagram, { completed: ['start', 'check'], taken: ['small'], active: ['big'], incidents: ['provision', 'unknown'] }, 'Diagram');
  assert.equal(viewer.error, null);
  const marked = marker => [...div.querySelectorAll(`.${marker}`)].map(e => e.getAttribute('data-element-id')).sort();
  assert.deepEqual(marked('ktp-completed'), ['check', 'start']);
  assert.deepEqual(marked('ktp-taken'), ['small']);
  assert.deepEqual(marked('ktp-active'), ['big']);
  assert.deepEqual(marked('ktp-incident'), ['provision']);
  bpmn.setMarkers(viewer.handle, { active: ['check'] });
  assert.deepEqual(marked('ktp-completed'), []);
  assert.deepEqual(marked('ktp-active'), ['check']);
  const shown = await bpmn.showXml(viewer.handle, diagram, { incidents: ['big'] });
  assert.equal(shown.error, null);
  assert.deepEqual(marked('ktp-incident'), ['big']);
  const emptied = await bpmn.showXml(viewer.handle, '', { active: ['big'] });
  assert.equal(emptied.error, null, 'no diagram yet is no error');
  assert.equal(div.querySelectorAll('.djs-shape').length, 0);
  bpmn.destroy(viewer.handle);
});

test('a diagram that names its flows only on the flows gets each node its incoming and outgoing, in schema order, once', () => {
  const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">
    <bpmn:process id="p"><bpmn:startEvent id="s"><bpmn:documentation>go</bpmn:documentation></bpmn:startEvent>
      <bpmn:task id="t"><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /></bpmn:process></definitions>`;
  const doc = new DOMParser().parseFromString(bpmn.withFlowReferences(xml), 'application/xml');
  const children = id => Array.from(doc.querySelector(`[id="${id}"]`).children).map(c => `${c.localName}:${c.textContent}`);
  assert.deepEqual(children('s'), ['documentation:go', 'outgoing:f1']);
  assert.deepEqual(children('t'), ['incoming:f1', 'outgoing:f2']);
  assert.deepEqual(children('e'), ['incoming:f2']);
  assert.equal(bpmn.withFlowReferences('<not xml'), '<not xml');
});
