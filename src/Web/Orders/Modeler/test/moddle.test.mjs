// The moddle extension (ktp-moddle.json) makes bpmn-js read our ktp: attributes as properties and write them back.
// Run with `npm test` (node's test runner); it needs only bpmn-moddle, not a browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { BpmnModdle } from 'bpmn-moddle';

const descriptor = JSON.parse(await readFile(new URL('../ktp-moddle.json', import.meta.url), 'utf8'));
const fixtures = new URL('../../../../../tests/fixtures/bpmn/', import.meta.url);
const moddle = () => new BpmnModdle({ ktp: descriptor });

async function roundTrip(xml) {
  const first = await moddle().fromXML(xml);
  const { xml: written } = await moddle().toXML(first.rootElement, { format: true });
  const second = await moddle().fromXML(written);
  return { first, written, second };
}

function elementsById(definitions) {
  const found = new Map();
  const visit = element => {
    if (!element || typeof element !== 'object' || !element.$type) return;
    if (element.id) found.set(element.id, element);
    for (const key of Object.keys(element)) {
      if (key.startsWith('$') || key === 'sourceRef' || key === 'targetRef' || key === 'default' || key === 'messageRef') continue;
      const value = element[key];
      if (Array.isArray(value)) value.forEach(visit);
      else visit(value);
    }
  };
  visit(definitions);
  return found;
}

const ktpXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ktp="https://ktp.dev/bpmn" id="defs" targetNamespace="https://ktp.dev/test">
  <bpmn:message id="paid" name="payment-received" />
  <bpmn:process id="order" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="check" name="Check" ktp:candidateRole="dispatcher" ktp:queue="orders" ktp:due="PT4H" ktp:form="order-check" />
    <bpmn:serviceTask id="provision" ktp:endpoint="https://provisioning.local/lines" ktp:retries="2" />
    <bpmn:businessRuleTask id="tariff" ktp:rule='{"if":[{"&gt;=":[{"var":"lines"},3]},"business",{"var":"fallback"}]}' ktp:resultVariable="tariff" />
    <bpmn:intermediateCatchEvent id="wait" ktp:correlationKey="orderId">
      <bpmn:messageEventDefinition messageRef="paid" />
    </bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="pause">
      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:exclusiveGateway id="big" default="small" />
    <bpmn:sequenceFlow id="large" sourceRef="big" targetRef="provision">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{"&gt;":[{"var":"lines"},10]}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="big" targetRef="check" />
  </bpmn:process>
</bpmn:definitions>`;

test('ktp: attributes are properties of the elements and survive writing and reading again', async () => {
  const { first, written, second } = await roundTrip(ktpXml);
  assert.deepEqual(first.warnings, []);
  for (const { rootElement } of [first, second]) {
    const byId = elementsById(rootElement);
    const check = byId.get('check');
    assert.equal(check.get('ktp:candidateRole'), 'dispatcher');
    assert.equal(check.get('ktp:queue'), 'orders');
    assert.equal(check.get('ktp:due'), 'PT4H');
    assert.equal(check.get('ktp:form'), 'order-check');
    assert.deepEqual(check.$attrs, {}, 'known attributes are not left as unknown $attrs');
    assert.equal(byId.get('provision').get('ktp:endpoint'), 'https://provisioning.local/lines');
    assert.equal(byId.get('provision').get('ktp:retries'), '2');
    assert.equal(byId.get('tariff').get('ktp:rule'), '{"if":[{">=":[{"var":"lines"},3]},"business",{"var":"fallback"}]}');
    assert.equal(byId.get('tariff').get('ktp:resultVariable'), 'tariff');
    assert.equal(byId.get('wait').get('ktp:correlationKey'), 'orderId');
    assert.equal(byId.get('wait').eventDefinitions[0].messageRef.name, 'payment-received');
    assert.equal(byId.get('pause').eventDefinitions[0].timeCycle.body, 'R3/PT1H');
    assert.equal(byId.get('large').conditionExpression.body, '{">":[{"var":"lines"},10]}');
    assert.equal(byId.get('big').default.id, 'small');
  }
  assert.match(written, /xmlns:ktp="https:\/\/ktp\.dev\/bpmn"/);
  assert.match(written, /<bpmn:userTask id="check" name="Check" ktp:candidateRole="dispatcher" ktp:queue="orders" ktp:due="PT4H" ktp:form="order-check"/);
  assert.match(written, /ktp:endpoint="https:\/\/provisioning\.local\/lines" ktp:retries="2"/);
  assert.match(written, /ktp:correlationKey="orderId"/);
  assert.match(written, /<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">/);
  assert.match(written, /<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R3\/PT1H<\/bpmn:timeCycle>/);
});

test('attributes set through the model are written in the ktp namespace', async () => {
  const m = moddle();
  const { rootElement } = await m.fromXML(ktpXml);
  const byId = elementsById(rootElement);
  byId.get('check').set('ktp:queue', 'urgent');
  byId.get('provision').set('ktp:retries', '5');
  const { xml } = await m.toXML(rootElement);
  assert.match(xml, /ktp:queue="urgent"/);
  assert.match(xml, /ktp:retries="5"/);
  assert.ok(!/ktp:queue="orders"/.test(xml));
});

test('every fixture diagram reads and writes back with the extension, element for element', async () => {
  const files = (await readdir(fixtures)).filter(f => f.endsWith('.bpmn'));
  assert.ok(files.length > 0, 'fixtures found');
  for (const file of files) {
    const xml = await readFile(new URL(file, fixtures), 'utf8');
    const { first, second } = await roundTrip(xml);
    const before = elementsById(first.rootElement);
    const after = elementsById(second.rootElement);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), file);
    for (const [id, element] of before) assert.equal(after.get(id).$type, element.$type, `${file}: ${id}`);
  }
});
